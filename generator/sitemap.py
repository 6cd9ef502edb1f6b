"""A sitemap index once a site has more URLs than one sitemap may hold.

The sitemaps protocol allows 50,000 URLs (and 50 MB) per file; MkDocs writes every page into one
sitemap.xml. Past the limit, the URLs are moved into sitemap-1.xml, sitemap-2.xml ... at the site root,
and sitemap.xml (and its .gz copy) becomes the index that lists them, so search engines that read
/sitemap.xml still find every page.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from defusedxml.ElementTree import parse

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
LIMIT = 50_000


def split(site_dir: Path, site_url: str) -> int:
    """Split site_dir/sitemap.xml into an index of sitemaps of at most LIMIT URLs; returns how many."""
    path = site_dir / "sitemap.xml"
    if not path.exists():
        return 0
    urls = parse(path).getroot().findall(f"{{{NS}}}url")
    if len(urls) <= LIMIT:
        return 0
    ET.register_namespace("", NS)
    index = ET.Element(f"{{{NS}}}sitemapindex")
    base = site_url if site_url.endswith("/") else site_url + "/"
    for number, start in enumerate(range(0, len(urls), LIMIT), 1):
        part = ET.Element(f"{{{NS}}}urlset")
        part.extend(urls[start : start + LIMIT])
        _write(site_dir / f"sitemap-{number}.xml", part)
        ET.SubElement(ET.SubElement(index, f"{{{NS}}}sitemap"), f"{{{NS}}}loc").text = f"{base}sitemap-{number}.xml"
    _write(path, index)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(path.read_bytes(), mtime=0))
    return number


def _write(path: Path, root: ET.Element) -> None:
    ET.ElementTree(root).write(path, encoding="UTF-8", xml_declaration=True)
