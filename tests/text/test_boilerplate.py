"""Boilerplate marking: what news furniture is marked, with which extent, and what running text is not."""
import json

import pytest

from rasd.model.spans import Boilerplate
from rasd.text.boilerplate import find_boilerplate
from rasd.text.sentences import split_sentences

# (case id, text, expected [(marked text, kind)] in order; [] = nothing may be marked)
CASES = [
    ("read also with colon", "اندلع حريق في المصنع.\nاقرأ أيضا: حريق آخر في الميناء",
     [("اقرأ أيضا: حريق آخر في الميناء", "read_also")]),
    ("read also hamza and tanween variants", "إقرأ أيضاً/ انفجار في العاصمة",
     [("إقرأ أيضاً/ انفجار في العاصمة", "read_also")]),
    ("read also without hamza", "اقرا ايضا - تظاهرات في المدينة",
     [("اقرا ايضا - تظاهرات في المدينة", "read_also")]),
    ("read more alone", "وصل الوفد إلى الدوحة.\nاقرأ المزيد", [("اقرأ المزيد", "read_also")]),
    ("related topics with bullet", "* مواضيع ذات صلة", [("* مواضيع ذات صلة", "read_also")]),
    ("related label alone", "ذات صلة:\nاشتباكات في الجنوب", [("ذات صلة:", "read_also")]),
    ("watch also", "شاهد أيضا: لحظة وصول المساعدات", [("شاهد أيضا: لحظة وصول المساعدات", "read_also")]),
    ("read more widget glued to next paragraph", "...المزيد\nبدأت المحادثات", [("...المزيد", "read_also")]),
    ("source credit line", "قتل ثلاثة جنود في الهجوم.\nالمصدر: الجزيرة + وكالات",
     [("المصدر: الجزيرة + وكالات", "source_credit")]),
    ("source credit with spaced colon", "المصدر : وكالات", [("المصدر : وكالات", "source_credit")]),
    ("source credit with dash", "المصدر - وكالات", [("المصدر - وكالات", "source_credit")]),
    ("editing and preparation credits", "تحرير: سامر الخطيب\nإعداد: ليلى حسن",
     [("تحرير: سامر الخطيب", "source_credit"), ("إعداد: ليلى حسن", "source_credit")]),
    ("agency alone in brackets", "أصيب عشرة أشخاص.\n(رويترز)", [("(رويترز)", "source_credit")]),
    ("agencies joined", "أ ف ب + وكالات", [("أ ف ب + وكالات", "source_credit")]),
    ("hashtags inside a sentence", "أعلنت #الشرطة_الألمانية أنها أوقفت مشتبها به في #برلين.",
     [("#الشرطة_الألمانية", "hashtag"), ("#برلين", "hashtag")]),
    ("hashtag with diacritics and glued conjunction", "تابع المغردون و#عاصفةُ_الحزم",
     [("#عاصفةُ_الحزم", "hashtag")]),
    ("share this article", "شارك هذا المقال", [("شارك هذا المقال", "share_prompt")]),
    ("share on facebook", "شارك على فيسبوك", [("شارك على فيسبوك", "share_prompt")]),
    ("download the app", "حمّل تطبيق الصحيفة على هاتفك", [("حمّل تطبيق الصحيفة على هاتفك", "share_prompt")]),
    ("follow prompt at sentence start mid-line", "انتهت الجلسة بلا اتفاق. لمتابعة آخر الأخبار حمل تطبيقنا. وقال رئيس المجلس",
     [("لمتابعة آخر الأخبار حمل تطبيقنا.", "share_prompt")]),
    ("follow us on twitter", "تابعونا على تويتر", [("تابعونا على تويتر", "share_prompt")]),
    ("newsletter", "اشترك في النشرة البريدية", [("اشترك في النشرة البريدية", "share_prompt")]),
    ("click here", "انقر هنا للمشاهدة", [("انقر هنا للمشاهدة", "share_prompt")]),
    ("more news", "للمزيد من الأخبار زوروا موقعنا", [("للمزيد من الأخبار زوروا موقعنا", "share_prompt")]),
    ("share widget glued to article text", "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أعلنت الوزارة أمس خطة جديدة.",
     [("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك", "share_prompt")]),
    ("navigation widget", "Next Previous الرياض – واس", [("Next Previous", "share_prompt")]),
    # Negatives: running text that mentions the same words.
    ("source in running text", "قال المصدر إن الشرطة اعتقلت ثلاثة أشخاص.", []),
    ("source opening a news line", "المصدر نفسه أكد أن عدد المعتقلين ارتفع إلى خمسة.", []),
    ("agency at the end of a news line", "قتل خمسة أشخاص في انفجار بالعاصمة (رويترز)", []),
    ("dateline with agency", "بغداد (رويترز) - قالت الشرطة إن انفجارا وقع.", []),
    ("participation is not a share prompt", "شارك الوزير في اجتماع وزراء الخارجية العرب.", []),
    ("related in running text", "وهي قضايا ذات صلة بالأمن الإقليمي.", []),
    ("related opening a sentence with words after", "ذات صلة بالملف قال الوزير إن الحوار مستمر.", []),
    ("read in running text", "دعا الوزير الطلاب إلى أن يقرأوا أيضا كتب التاريخ.", []),
    ("follow-up in running text", "تابع الرئيس سير العمليات من غرفة القيادة.", []),
    ("number sign is not a hashtag", "حل المنتخب في المركز #1 عالميا.", []),
    ("programming language and html entity", "يكتب البرنامج بلغة C# ويعرض &#1575; بلا خطأ.", []),
    ("report opening a long news line",
     "تقرير: أصدرت منظمة حقوقية تقريرا مطولا يتهم أطراف النزاع بارتكاب انتهاكات جسيمة بحق المدنيين في عدة "
     "مدن ويطالب مجلس الأمن بفتح تحقيق دولي مستقل في الهجمات التي استهدفت المستشفيات والمدارس خلال الأشهر الماضية",
     []),
]


def marked(text, spans):
    return [(text[b.start:b.end], b.kind) for b in spans]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_boilerplate(text, expected):
    assert marked(text, find_boilerplate(text, split_sentences(text))) == expected


@pytest.mark.parametrize("text", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_spans_are_valid_and_sorted(text):
    spans = find_boilerplate(text, split_sentences(text))
    assert all(isinstance(b, Boilerplate) for b in spans)
    assert all(0 <= b.start < b.end <= len(text) for b in spans)
    assert all(not text[b.start].isspace() and not text[b.end - 1].isspace() for b in spans)
    assert spans == sorted(spans, key=lambda b: (b.start, b.end))


def test_works_without_sentences():
    text = "خبر قصير.\nالمصدر: وكالات\n#وسم"
    assert marked(text, find_boilerplate(text, [])) == [("المصدر: وكالات", "source_credit"), ("#وسم", "hashtag")]


def test_hashtag_inside_a_read_also_line_is_marked_too():
    text = "اقرأ أيضا: #غزة تحت القصف"
    assert marked(text, find_boilerplate(text, split_sentences(text))) == [
        ("اقرأ أيضا: #غزة تحت القصف", "read_also"), ("#غزة", "hashtag")]


def test_long_read_also_line_is_limited_to_its_sentence():
    body = "وقال الوزير إن المحادثات ستستأنف الأسبوع المقبل في العاصمة بمشاركة وفود من عدة دول " * 4
    text = "اقرأ أيضا: اتفاق جديد بين الطرفين. " + body
    assert marked(text, find_boilerplate(text, split_sentences(text))) == [
        ("اقرأ أيضا: اتفاق جديد بين الطرفين.", "read_also")]


def test_original_offsets_after_diacritics_in_a_widget():
    text = "شارِك من خلال تويتر فيسبوك جوجل بلس اكتب رأيَك وصل الوفد."
    assert marked(text, find_boilerplate(text, split_sentences(text))) == [
        ("شارِك من خلال تويتر فيسبوك جوجل بلس اكتب رأيَك", "share_prompt")]


@pytest.mark.shared
def test_benchmark_articles_have_only_hashtags_marked(shared_dir):
    """The annotated articles are clean news: nothing but their hashtags is furniture."""
    path = shared_dir / "data" / "events" / "articles-dev" / "articles.jsonl"
    kinds = set()
    for line in path.read_text("utf-8").splitlines():
        text = json.loads(line)["text"]
        kinds |= {b.kind for b in find_boilerplate(text, split_sentences(text))}
    assert kinds == {"hashtag"}


@pytest.mark.shared
def test_real_news_spans_are_valid(news_sample):
    total = 0
    for article in news_sample:
        text = article["content"]
        spans = find_boilerplate(text, split_sentences(text))
        total += len(spans)
        assert all(0 <= b.start < b.end <= len(text) for b in spans)
        assert all(b.kind in {"read_also", "source_credit", "hashtag", "share_prompt"} for b in spans)
    assert total > 0


def test_credit_label_opening_a_long_news_line_marks_nothing():
    lead = "كتب - محمد السالم: أعلنت وزارة الصحة اليوم تسجيل حالات جديدة. "
    text = lead + "وأوضحت الوزارة في بيانها أن الفرق الطبية تتابع المخالطين في عدد من المدن والمحافظات منذ أسبوع."
    assert find_boilerplate(text, split_sentences(text)) == []
