from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The wording of this release replaces existing Chinese terms (编号, 领域, 已办结,
    full-width punctuation…), which an upgrade alone keeps as they were: reload the
    addon's translations over them, in every installed language it ships."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    langs = [code for code, _name in env["res.lang"].get_installed() if code == "zh_CN"]
    if langs:
        env["ir.module.module"]._load_module_terms(["consultation"], langs, overwrite=True)
