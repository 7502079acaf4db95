# Helpers without models: PDF post-processing shared by the minutes and the case booklet.
