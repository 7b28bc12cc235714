"""A small store for the API and browser tests, built from articles written for these tests (not from any data set).

Shared by tests/serve and tests/e2e (which puts this folder on sys.path): building it runs the real
pipeline, so each test session builds it once.
"""
from __future__ import annotations

from pathlib import Path

TOKEN = "test-token-7f3a9c"

ARTICLES = [
    {"id": "t-baghdad", "published": "2024-03-15", "source": "صحيفة الرافدين", "url": "https://example.org/1",
     "title": "احتجاجات في بغداد على انقطاع الكهرباء",
     "text": "تظاهر آلاف المحتجين يوم الخميس في بغداد احتجاجا على انقطاع الكهرباء، وقالت الشرطة العراقية إنها "
             "اعتقلت 12 متظاهرا.\nوفي سياق آخر، قتل ثلاثة جنود في هجوم شنه مسلحون على نقطة تفتيش قرب الموصل."},
    {"id": "t-tehran", "published": "2024-03-16", "source": "وكالة الأنباء التجريبية", "url": "https://example.org/2",
     "title": "طهران تتهم واشنطن",
     "text": "اتهمت وزارة الخارجية الإيرانية الولايات المتحدة بالتدخل في شؤونها الداخلية، وطالبت بوقف العقوبات "
             "المفروضة على طهران."},
    {"id": "t-khartoum", "published": "2024-03-17", "source": "صحيفة الرافدين", "url": "https://example.org/3",
     "title": "مواجهات في الخرطوم",
     "text": "أطلقت قوات الأمن السودانية الغاز المسيل للدموع على مئات المتظاهرين في الخرطوم أمس، وأصيب عشرون "
             "شخصا بجروح.\nوأعلنت الحكومة السودانية حظر التجول في العاصمة."},
    {"id": "t-riyadh", "published": "2024-03-18", "source": "وكالة الأنباء التجريبية", "url": "https://example.org/4",
     "title": "اتفاق تعاون",
     "text": "وقعت المملكة العربية السعودية ومصر اتفاقية للتعاون الاقتصادي في الرياض يوم الأحد، بحضور وزيري "
             "الخارجية في البلدين."},
    {"id": "t-gaza", "published": "2024-03-18", "source": "صحيفة الرافدين", "url": "https://example.org/5",
     "title": "قصف على غزة",
     "text": "قتل خمسة فلسطينيين في غارة جوية إسرائيلية على مدينة غزة فجر اليوم، بحسب مصادر طبية.\n"
             "وتظاهر مئات الفلسطينيين في رام الله تنديدا بالغارة."},
]


def build_store(path: Path, pipeline=None) -> Path:
    """Analyse ARTICLES with rasd and store them in a new database at `path`."""
    from rasd.model.serialize import to_dict
    from rasd.pipeline.runner import Pipeline
    from rasd.store import Store
    pipeline = pipeline or Pipeline()
    with Store.open(path) as store:
        for article in ARTICLES:
            doc = pipeline.analyze(article["text"], article["published"], id=article["id"],
                                   source=article["source"], url=article["url"], title=article["title"])
            store.add_document(to_dict(doc), provenance={"input": "tests/serve", "reader": "test"})
    return path
