# The official Odoo 18 image plus what this addon needs: the OCA addons
# base_tier_validation and report_xlsx (PyPI wheels) and a font with Chinese glyphs
# for the PDF reports.
FROM odoo:18

USER root
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk fonts-wqy-zenhei \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /tmp/consultation-requirements.txt
# --no-deps: the wheels name the 'odoo' distribution, which the image ships as a
# Debian package that pip does not see.
RUN grep '^odoo-addon-' /tmp/consultation-requirements.txt \
    | xargs pip3 install --no-cache-dir --break-system-packages --no-deps \
    && pip3 install --no-cache-dir --break-system-packages xlsxwriter
COPY --chown=odoo:odoo . /mnt/extra-addons/consultation
# Installs the addon when the database lacks it, upgrades it otherwise, then hands over
# to the official entrypoint (docker/entrypoint.sh).
COPY docker/entrypoint.sh /consultation-entrypoint.sh
USER odoo
ENTRYPOINT ["/consultation-entrypoint.sh"]
CMD ["odoo"]
