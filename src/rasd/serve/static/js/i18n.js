// Interface labels in Arabic (default, right-to-left) and English. Article text keeps its own direction.
const LABELS = {
  ar: {
    title: "رصد — لوحة الأحداث", events: "الأحداث", search: "بحث", analyze: "تحليل نص", docs: "واجهة البرمجة",
    language: "English", type: "النوع", allTypes: "كل الأنواع", country: "البلد (ISO)", actor: "الفاعل",
    since: "من", until: "إلى", text: "نص", apply: "تطبيق", reset: "مسح", timeline: "الأحداث يوميا حسب النوع",
    map: "خريطة الأحداث", table: "جدول الأحداث", date: "التاريخ", event: "الحدث", place: "المكان",
    counts: "الأعداد", source: "المصدر", evidence: "الجملة الدليل", total: "المجموع", previous: "السابق",
    next: "التالي", noEvents: "لا أحداث تطابق المرشحات", article: "المقال", back: "رجوع", status: "الحالة",
    confidence: "الثقة", story: "القصة", mode: "الصيغة", attribution: "النسبة إلى", entities: "الكيانات",
    searchPlaceholder: "ابحث في المقالات…", searchButton: "ابحث", noHits: "لا نتائج", analyzeHint:
      "الصق مقالا لتحليله (لا يُحفظ شيء)", published: "تاريخ النشر", run: "حلّل", loading: "جار التحميل…",
    precision: "الدقة", city: "مدينة", admin1: "إقليم", country_p: "بلد", openArticle: "افتح المقال",
    recipient: "المتلقي", trigger: "الكلمة المفتاح", error: "خطأ", export: "تنزيل", url: "الرابط",
    showing: "المعروض", of: "من", none: "—", outside: "أحداث خارج المدى المعروض",
  },
  en: {
    title: "rasd — events dashboard", events: "Events", search: "Search", analyze: "Analyse a text", docs: "API",
    language: "عربي", type: "Type", allTypes: "All types", country: "Country (ISO)", actor: "Actor",
    since: "From", until: "To", text: "Text", apply: "Apply", reset: "Clear", timeline: "Events per day by type",
    map: "Map of events", table: "Events", date: "Date", event: "Event", place: "Place", counts: "Counts",
    source: "Source", evidence: "Evidence sentence", total: "Total", previous: "Previous", next: "Next",
    noEvents: "No event matches the filters", article: "Article", back: "Back", status: "Status",
    confidence: "Confidence", story: "Story", mode: "Mode", attribution: "Attributed to", entities: "Entities",
    searchPlaceholder: "Search the articles…", searchButton: "Search", noHits: "No results",
    analyzeHint: "Paste an article to analyse it (nothing is stored)", published: "Published", run: "Analyse",
    loading: "Loading…", precision: "Precision", city: "city", admin1: "province", country_p: "country",
    openArticle: "Open the article", recipient: "Recipient", trigger: "Trigger", error: "Error", export: "Download",
    url: "Link", showing: "Showing", of: "of", none: "—", outside: "Events outside the range shown",
  },
};

const TYPES_AR = {
  AGREE: "اتفاق", CONSULT: "تشاور", SUPPORT: "دعم", CONCEDE: "تنازل", COOPERATE: "تعاون", AID: "مساعدة",
  RETREAT: "انسحاب", REQUEST: "مطالبة", ACCUSE: "اتهام", REJECT: "رفض", THREATEN: "تهديد", PROTEST: "احتجاج",
  SANCTION: "عقوبات", MOBILIZE: "تعبئة", COERCE: "إكراه", ASSAULT: "اعتداء",
};
export const TYPES = Object.keys(TYPES_AR);

let lang = localStorage.getItem("rasd.lang") === "en" ? "en" : "ar";

export function t(key) {
  return LABELS[lang][key] ?? LABELS.en[key] ?? key;
}

export function typeName(type) {
  return lang === "ar" ? TYPES_AR[type] || type : type;
}

export function currentLang() {
  return lang;
}

export function applyLang(next) {
  lang = next === "en" ? "en" : "ar";
  localStorage.setItem("rasd.lang", lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
}

// "actor -> type -> recipient": the arrow follows the reading direction.
export function arrow() {
  return lang === "ar" ? " ← " : " → ";
}
