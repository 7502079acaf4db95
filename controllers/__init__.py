from . import main, screen
