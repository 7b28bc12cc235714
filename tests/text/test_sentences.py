"""Sentence splitting: punctuation, line structure, and the places where a "." is not an end."""
import json

import pytest
from hypothesis import given, settings, strategies as st

from rasd.model.spans import Sentence
from rasd.text.sentences import split_sentences

# (case id, text, expected sentences as strings, in order)
CASES = [
    ("two sentences", "أعلنت الشرطة اعتقال مشتبه به. وقال المتحدث إن التحقيق مستمر.",
     ["أعلنت الشرطة اعتقال مشتبه به.", "وقال المتحدث إن التحقيق مستمر."]),
    ("arabic comma does not split", "قال الوزير، في بيان الخميس، إن القوات انسحبت.",
     ["قال الوزير، في بيان الخميس، إن القوات انسحبت."]),
    ("decimal number", "ارتفع المؤشر 1.5 في المئة. وتراجع النفط.",
     ["ارتفع المؤشر 1.5 في المئة.", "وتراجع النفط."]),
    ("thousands separator", "شارك 2,000 متظاهر في المسيرة. وانتهت بسلام.",
     ["شارك 2,000 متظاهر في المسيرة.", "وانتهت بسلام."]),
    ("arabic-indic decimal mark", "بلغت الخسائر ٢٫٥ مليون دولار. وأكدت الشركة ذلك.",
     ["بلغت الخسائر ٢٫٥ مليون دولار.", "وأكدت الشركة ذلك."]),
    ("arabic-indic digits with dot", "سجلت المدينة ٣.٧ درجات على مقياس ريختر. ولم تقع إصابات.",
     ["سجلت المدينة ٣.٧ درجات على مقياس ريختر.", "ولم تقع إصابات."]),
    ("slash date", "وقع الهجوم في 2/1/2022 قرب الحدود. وفر المهاجمون.",
     ["وقع الهجوم في 2/1/2022 قرب الحدود.", "وفر المهاجمون."]),
    ("dotted date", "صدر القرار بتاريخ 2.1.2022 عن المحكمة. واستأنفه المحامي.",
     ["صدر القرار بتاريخ 2.1.2022 عن المحكمة.", "واستأنفه المحامي."]),
    ("doctor abbreviation", "صرح د. خالد العمري بأن الحالات مستقرة. وأضاف أن الفريق جاهز.",
     ["صرح د. خالد العمري بأن الحالات مستقرة.", "وأضاف أن الفريق جاهز."]),
    ("professor initials", "حاضر أ.د. سامي النجار عن الأمن المائي. وحضر الندوة طلاب.",
     ["حاضر أ.د. سامي النجار عن الأمن المائي.", "وحضر الندوة طلاب."]),
    ("year with meem", "تأسست الهيئة عام 1965 م. وتتبع وزارة الداخلية.",
     ["تأسست الهيئة عام 1965 م. وتتبع وزارة الداخلية."]),
    ("hijri year with tatweel", "صدر النظام في 1436 هـ. وبدأ تطبيقه لاحقا.",
     ["صدر النظام في 1436 هـ. وبدأ تطبيقه لاحقا."]),
    ("year at end of line with meem", "تأسست الهيئة عام 1965 م.\nوتتبع وزارة الداخلية.",
     ["تأسست الهيئة عام 1965 م.", "وتتبع وزارة الداخلية."]),
    ("closing guillemet belongs to sentence", "قال المتحدث «لن نتراجع.» وغادر القاعة.",
     ["قال المتحدث «لن نتراجع.»", "وغادر القاعة."]),
    ("closing quote and bracket", 'وأضاف: "انتهت العملية." (رويترز) ثم صمت.',
     ['وأضاف: "انتهت العملية."', "(رويترز) ثم صمت."]),
    ("question mark arabic", "هل ستعود المفاوضات؟ لا أحد يعرف.",
     ["هل ستعود المفاوضات؟", "لا أحد يعرف."]),
    ("question and exclamation run", "كيف حدث ذلك؟! تساءل السكان.",
     ["كيف حدث ذلك؟!", "تساءل السكان."]),
    ("rhetorical question continued by comma", "لماذا الآن؟!، تساءل النائب في الجلسة.",
     ["لماذا الآن؟!، تساءل النائب في الجلسة."]),
    ("arabic semicolon", "انسحبت القوات؛ وعاد السكان إلى منازلهم.",
     ["انسحبت القوات؛", "وعاد السكان إلى منازلهم."]),
    ("newline ends a sentence", "اعتقلت الشرطة ثلاثة أشخاص\nوأصيب شرطي بجروح",
     ["اعتقلت الشرطة ثلاثة أشخاص", "وأصيب شرطي بجروح"]),
    ("blank line between paragraphs", "الفقرة الأولى تنتهي هنا.\n\n\nالفقرة الثانية تبدأ هنا.",
     ["الفقرة الأولى تنتهي هنا.", "الفقرة الثانية تبدأ هنا."]),
    ("windows line endings", "السطر الأول\r\nالسطر الثاني\r\n",
     ["السطر الأول", "السطر الثاني"]),
    ("url with query string", "التفاصيل على https://example.com/news?id=42&lang=ar حتى الغد. وشكرا.",
     ["التفاصيل على https://example.com/news?id=42&lang=ar حتى الغد.", "وشكرا."]),
    ("www url and email", "راسلوا info@agency.gov.sa أو زوروا www.agency.gov.sa للتسجيل.",
     ["راسلوا info@agency.gov.sa أو زوروا www.agency.gov.sa للتسجيل."]),
    ("mixed latin abbreviation", "التقى Dr. Smith بمسؤولين في U.S. Army أمس. وناقشا الأمن.",
     ["التقى Dr. Smith بمسؤولين في U.S. Army أمس.", "وناقشا الأمن."]),
    ("latin sentences", "The talks ended. Both sides left!",
     ["The talks ended.", "Both sides left!"]),
    ("double-dot column style", "مضى زمن طويل.. لم يتغير شيء.",
     ["مضى زمن طويل..", "لم يتغير شيء."]),
    ("bracketed ellipsis is not an end", "الجنود في اللواء (...) الذين خالفوا الأوامر.",
     ["الجنود في اللواء (...) الذين خالفوا الأوامر."]),
    ("leading ellipsis is not an end", "وصل الوفد.\n...المزيد",
     ["وصل الوفد.", "...المزيد"]),
    ("glued sentences between arabic words", "انتهى الاجتماع العام الماضي.وقال الوزير إن الاتفاق قائم.",
     ["انتهى الاجتماع العام الماضي.", "وقال الوزير إن الاتفاق قائم."]),
    ("transliterated acronym stays whole", "وقالت إي.دي.إف إنها ستمضي قدما.",
     ["وقالت إي.دي.إف إنها ستمضي قدما."]),
    ("numbered list", "1. رفع الحظر\n2. إطلاق المعتقلين",
     ["1. رفع الحظر", "2. إطلاق المعتقلين"]),
    ("number ends a sentence", "بلغ عدد القتلى 12. وقالت مصادر طبية إن العدد قد يرتفع.",
     ["بلغ عدد القتلى 12.", "وقالت مصادر طبية إن العدد قد يرتفع."]),
    ("no terminator", "أعلنت الحكومة حظر التجول", ["أعلنت الحكومة حظر التجول"]),
    ("surrounding whitespace", "  \n  جملة واحدة.  \n ", ["جملة واحدة."]),
    ("empty", "", []),
    ("only whitespace", " \n\t\n ", []),
    ("time of day", "بدأ الاجتماع الساعة 10.30 صباحا. وانتهى ظهرا.",
     ["بدأ الاجتماع الساعة 10.30 صباحا.", "وانتهى ظهرا."]),
]


def texts(text, sentences):
    return [text[s.start:s.end] for s in sentences]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split(text, expected):
    assert texts(text, split_sentences(text)) == expected


def assert_partition(text, sentences):
    """In order, trimmed, non-overlapping, and every non-whitespace character covered once."""
    previous_end = 0
    for s in sentences:
        assert isinstance(s, Sentence)
        assert previous_end <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        assert text[previous_end:s.start].strip() == ""
        previous_end = s.end
    assert text[previous_end:].strip() == ""


@pytest.mark.parametrize("text", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_cases_cover_every_non_whitespace_character(text):
    assert_partition(text, split_sentences(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("اب د.م٢3،؛؟?!;…»\")( \n\r\t\u00a0#@/:") + ["www.", "://", "..", "كتب"]),
                max_size=60).map("".join))
def test_random_text_is_partitioned(text):
    assert_partition(text, split_sentences(text))
    assert_partition(text, split_sentences(text, clauses=True))


def test_clauses_option_splits_on_arabic_comma_but_not_inside_numbers():
    text = "قال الوزير، في بيان، إن الخسائر بلغت 2،5 مليون."
    assert texts(text, split_sentences(text, clauses=True)) == [
        "قال الوزير،", "في بيان،", "إن الخسائر بلغت 2،5 مليون."]


@pytest.mark.shared
def test_gold_event_sentences_are_never_cut(shared_dir):
    """Each annotated event sentence lies inside one of our sentences; almost all match exactly."""
    folder = shared_dir / "data" / "events" / "articles-dev"
    articles = {}
    for line in (folder / "articles.jsonl").read_text("utf-8").splitlines():
        article = json.loads(line)
        articles[article["id"]] = article["text"]
    exact = total = 0
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        text = articles[gold["id"]]
        spans = [(s.start, s.end) for s in split_sentences(text)]
        for event in gold["events"]:
            start = text.index(event["sentence"])
            end = start + len(event["sentence"])
            total += 1
            exact += (start, end) in spans
            assert any(a <= start and end <= b for a, b in spans), event["sentence"]
    assert total >= 100
    assert exact / total >= 0.9


@pytest.mark.shared
def test_real_news_is_partitioned(news_sample):
    for article in news_sample:
        text = article["content"]
        assert_partition(text, split_sentences(text))
