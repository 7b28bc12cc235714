"""Team-written article fixtures for the ingest and store tests (no sentence comes from a data set)."""
from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

ARTICLES = [
    "اعتقلت الشرطة العراقية عشرين متظاهرا أمس في بغداد بعد احتجاجات على انقطاع الكهرباء.\nوقال مسؤول إن التحقيق مستمر.",
    "وقعت الحكومة الأردنية اتفاقية تعاون مع مصر في مجال الطاقة يوم الأحد في عمان.",
    "تظاهر مئات الطلاب في الخرطوم للمطالبة بإصلاح التعليم، ورفعوا لافتات تدعو إلى الحوار.",
    "أعلنت وزارة الصحة المغربية افتتاح مستشفى جديد في مدينة فاس يضم مئتي سرير.",
]

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="{url}">
<script>var tracking = "لا يجب أن يظهر هذا";</script></head>
<body><nav><a href="/">الرئيسية</a> | <a href="/sport">رياضة</a></nav>
<article><h1>{title}</h1><p>{body}</p><p>وأضاف المصدر أن السلطات ستصدر بيانا مفصلا في وقت لاحق من اليوم.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار الفريق</title><link>https://news.example.org/</link>
<item><title>الخبر الأول</title><link>https://news.example.org/1</link><guid>n-1</guid>
<pubDate>Thu, 13 Jan 2022 10:00:00 GMT</pubDate><description>&lt;p&gt;{a}&lt;/p&gt;</description></item>
<item><title>الخبر الثاني</title><link>https://news.example.org/2</link><guid>n-2</guid>
<pubDate>Fri, 14 Jan 2022 10:00:00 GMT</pubDate><description>{b}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>نشرة الفريق</title><link href="https://atom.example.org/"/>
<id>urn:team:feed</id><updated>2022-02-01T00:00:00Z</updated>
<entry><title>عنوان</title><id>urn:team:1</id><link href="https://atom.example.org/a"/>
<updated>2022-02-01T08:00:00Z</updated><author><name>محرر</name></author>
<content type="html">&lt;p&gt;{a}&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content></entry>
</feed>"""

XML_BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description></item></channel></rss>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&xxe;</description></item></channel></rss>"""

SCRIPT_ONLY = "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script></body></html>"


def page(n: int = 0, url: str = "https://site.example.com/a") -> str:
    return PAGE.format(title=f"خبر رقم {n}", date="2022-01-13", url=url, body=ARTICLES[n])


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    """A WARC with one HTML response per (url, html) and one non-HTML response that must be skipped."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=str(path).endswith(".gz"))
        for url, html in pages + [("https://site.example.com/logo.png", None)]:
            content_type = "text/html; charset=utf-8" if html is not None else "image/png"
            payload = html.encode("utf-8") if html is not None else b"\x89PNG\r\n\x1a\n\x00\x00"
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def write_gz(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(data))
