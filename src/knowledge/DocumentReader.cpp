#include "knowledge/DocumentReader.h"

#include "common/TextEncoding.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <poppler-qt6.h>
#include <zip.h>

#include <memory>

namespace cairn::knowledge {

namespace {

constexpr qint64 kBlock = 1024 * 1024;
constexpr qint64 kSniff = 64 * 1024;

// Binary data: NUL bytes (outside UTF-16), or many control characters.
bool looksBinary(const QByteArray &head)
{
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        return false; // UTF-16 has NULs by nature
    qsizetype control = 0;
    for (const char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0)
            return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B)
            ++control;
    }
    return head.size() > 0 && control * 10 > head.size();
}

QString decodeEntity(QStringView name)
{
    static const QHash<QString, QString> named {{QStringLiteral("amp"), QStringLiteral("&")},
        {QStringLiteral("lt"), QStringLiteral("<")}, {QStringLiteral("gt"), QStringLiteral(">")},
        {QStringLiteral("quot"), QStringLiteral("\"")}, {QStringLiteral("apos"), QStringLiteral("'")},
        {QStringLiteral("nbsp"), QStringLiteral(" ")}, {QStringLiteral("mdash"), QStringLiteral("\u2014")},
        {QStringLiteral("ndash"), QStringLiteral("\u2013")},
        {QStringLiteral("hellip"), QStringLiteral("\u2026")},
        {QStringLiteral("copy"), QStringLiteral("\u00a9")}, {QStringLiteral("reg"), QStringLiteral("\u00ae")},
        {QStringLiteral("laquo"), QStringLiteral("\u00ab")},
        {QStringLiteral("raquo"), QStringLiteral("\u00bb")},
        {QStringLiteral("euro"), QStringLiteral("\u20ac")}};
    if (name.startsWith(u'#')) {
        bool ok = false;
        const uint code = name.size() > 1 && (name[1] == u'x' || name[1] == u'X')
            ? name.mid(2).toUInt(&ok, 16)
            : name.mid(1).toUInt(&ok, 10);
        if (!ok || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return QString(QChar::ReplacementCharacter);
        const char32_t c = code;
        return QString::fromUcs4(&c, 1);
    }
    return named.value(name.toString());
}

} // namespace

DocumentKind kindOf(const QString &fileName, const QByteArray &head)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QStringLiteral("pdf") || head.startsWith("%PDF-"))
        return DocumentKind::Pdf;
    if (suffix == QStringLiteral("docx"))
        return DocumentKind::Docx;
    if (suffix == QStringLiteral("md") || suffix == QStringLiteral("markdown"))
        return DocumentKind::Markdown;
    if (suffix == QStringLiteral("html") || suffix == QStringLiteral("htm")
        || suffix == QStringLiteral("xhtml"))
        return DocumentKind::Html;
    if (suffix == QStringLiteral("csv") || suffix == QStringLiteral("tsv"))
        return DocumentKind::Csv;
    if (suffix == QStringLiteral("txt") || suffix == QStringLiteral("text") || suffix == QStringLiteral("log")
        || suffix == QStringLiteral("rst"))
        return DocumentKind::Text;
    static const QStringList code {QStringLiteral("c"), QStringLiteral("h"), QStringLiteral("cpp"),
        QStringLiteral("hpp"), QStringLiteral("cc"), QStringLiteral("cs"), QStringLiteral("java"),
        QStringLiteral("kt"), QStringLiteral("swift"), QStringLiteral("js"), QStringLiteral("ts"),
        QStringLiteral("tsx"), QStringLiteral("jsx"), QStringLiteral("py"), QStringLiteral("rb"),
        QStringLiteral("go"), QStringLiteral("rs"), QStringLiteral("php"), QStringLiteral("sh"),
        QStringLiteral("sql"), QStringLiteral("lua"), QStringLiteral("json"), QStringLiteral("yaml"),
        QStringLiteral("yml"), QStringLiteral("toml"), QStringLiteral("xml"), QStringLiteral("css"),
        QStringLiteral("cmake"), QStringLiteral("ini")};
    if (code.contains(suffix))
        return DocumentKind::Code;
    return DocumentKind::Unsupported;
}

QString kindName(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::Text:
        return QCoreApplication::translate("cairn::knowledge::DocumentReader", "text");
    case DocumentKind::Markdown:
        return QCoreApplication::translate("cairn::knowledge::DocumentReader", "Markdown");
    case DocumentKind::Html:
        return QCoreApplication::translate("cairn::knowledge::DocumentReader", "HTML");
    case DocumentKind::Csv:
        return QCoreApplication::translate("cairn::knowledge::DocumentReader", "CSV");
    case DocumentKind::Code:
        return QCoreApplication::translate("cairn::knowledge::DocumentReader", "source code");
    case DocumentKind::Pdf:
        return QCoreApplication::translate("cairn::knowledge::DocumentReader", "PDF");
    case DocumentKind::Docx:
        return QCoreApplication::translate("cairn::knowledge::DocumentReader", "Word document");
    case DocumentKind::Unsupported:
        break;
    }
    return QCoreApplication::translate("cairn::knowledge::DocumentReader", "unsupported");
}

QString htmlToText(const QString &html)
{
    static const QStringList skipped {QStringLiteral("script"), QStringLiteral("style"),
        QStringLiteral("noscript"), QStringLiteral("template"), QStringLiteral("head")};
    static const QStringList blocks {QStringLiteral("p"), QStringLiteral("div"), QStringLiteral("br"),
        QStringLiteral("li"), QStringLiteral("ul"), QStringLiteral("ol"), QStringLiteral("tr"),
        QStringLiteral("table"), QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3"),
        QStringLiteral("h4"), QStringLiteral("h5"), QStringLiteral("h6"), QStringLiteral("pre"),
        QStringLiteral("blockquote"), QStringLiteral("section"), QStringLiteral("article"),
        QStringLiteral("header"), QStringLiteral("footer"), QStringLiteral("hr"), QStringLiteral("title"),
        QStringLiteral("dt"), QStringLiteral("dd")};
    QString out;
    out.reserve(html.size() / 2);
    qsizetype i = 0;
    const qsizetype n = html.size();
    while (i < n) {
        const QChar c = html.at(i);
        if (c == u'<') {
            if (QStringView(html).mid(i).startsWith(u"<!--")) {
                const qsizetype end = html.indexOf(QStringLiteral("-->"), i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            const qsizetype end = html.indexOf(u'>', i + 1);
            if (end < 0)
                break; // an unclosed tag: the rest is markup
            QStringView tag = QStringView(html).mid(i + 1, end - i - 1).trimmed();
            const bool closing = tag.startsWith(u'/');
            if (closing)
                tag = tag.mid(1);
            qsizetype nameEnd = 0;
            while (nameEnd < tag.size() && (tag[nameEnd].isLetterOrNumber()))
                ++nameEnd;
            const QString name = tag.left(nameEnd).toString().toLower();
            i = end + 1;
            if (!closing && skipped.contains(name) && name != QStringLiteral("head")) {
                const qsizetype close = html.indexOf(QStringLiteral("</") + name, i, Qt::CaseInsensitive);
                i = close < 0 ? n : html.indexOf(u'>', close) + 1;
                if (i <= 0)
                    i = n;
                continue;
            }
            if (blocks.contains(name) && !out.endsWith(u'\n'))
                out += u'\n';
            if (name == QStringLiteral("p") && closing)
                out += u'\n';
            if ((name == QStringLiteral("td") || name == QStringLiteral("th")) && closing)
                out += u'\t';
            continue;
        }
        if (c == u'&') {
            // Only a short window: an entity is at most a dozen characters (no scan to the end per '&').
            const qsizetype found = QStringView(html).mid(i + 1, 12).indexOf(u';');
            const qsizetype semi = found < 0 ? -1 : i + 1 + found;
            if (semi > i + 1 && semi - i <= 12) {
                const QString decoded = decodeEntity(QStringView(html).mid(i + 1, semi - i - 1));
                if (!decoded.isEmpty()) {
                    out += decoded;
                    i = semi + 1;
                    continue;
                }
            }
        }
        out += c;
        ++i;
    }
    return out;
}

namespace {

Error cancelledError(const QString &name)
{
    return Error::make(ErrorCode::Cancelled,
        QCoreApplication::translate(
            "cairn::knowledge::DocumentReader", "Reading \u201c%1\u201d was cancelled.")
            .arg(name));
}

Error readError(const QString &name, const QString &why)
{
    return Error::make(ErrorCode::Io,
        QCoreApplication::translate("cairn::knowledge::DocumentReader", "Could not read \u201c%1\u201d: %2")
            .arg(name, why));
}

Error tooLarge(const QString &name, const QString &kind, qint64 limit)
{
    return Error::make(ErrorCode::InvalidArgument,
        QCoreApplication::translate(
            "cairn::knowledge::DocumentReader", "\u201c%1\u201d is too large for a %2 (%3 MB at most).")
            .arg(name, kind)
            .arg(limit >> 20));
}

// Reads a whole (size-limited) device into memory.
Result<QByteArray> readWhole(
    QIODevice &device, qint64 size, const QString &name, const std::atomic<bool> *cancel)
{
    QByteArray bytes;
    bytes.reserve(size);
    while (!device.atEnd()) {
        if (cancel && cancel->load())
            return cancelledError(name);
        const QByteArray block = device.read(kBlock);
        if (block.isEmpty())
            break;
        bytes += block;
        if (bytes.size() > size)
            return readError(name,
                QCoreApplication::translate("cairn::knowledge::DocumentReader", "it is larger than it was"));
    }
    if (bytes.size() != size)
        return readError(name,
            QCoreApplication::translate("cairn::knowledge::DocumentReader", "it ended early (%1)")
                .arg(device.errorString()));
    return bytes;
}

class Delivery
{
public:
    Delivery(const std::function<bool(QStringView)> &sink, const std::atomic<bool> *cancel)
        : m_sink(sink), m_cancel(cancel)
    { }
    // False: stop (cancelled, or the document has more text than is read from one).
    bool give(QStringView text)
    {
        if (m_cancel && m_cancel->load())
            return false;
        if (text.isEmpty())
            return true;
        m_delivered += text.size();
        if (m_delivered > kMaxDocumentChars) {
            m_exceeded = true;
            return false;
        }
        return m_sink(text);
    }
    qint64 delivered() const { return m_delivered; }
    bool exceeded() const { return m_exceeded; }

private:
    const std::function<bool(QStringView)> &m_sink;
    const std::atomic<bool> *m_cancel;
    qint64 m_delivered = 0;
    bool m_exceeded = false;
};

void quietPoppler()
{
    static const bool once = [] {
        // Poppler reports damaged files on stderr; the document's error says what matters.
        Poppler::setDebugErrorFunction([](const QString &, const QVariant &) {}, QVariant());
        return true;
    }();
    Q_UNUSED(once);
}

Result<void> readPdf(const QByteArray &bytes, const QString &name, Delivery &out)
{
    quietPoppler();
    std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(bytes);
    if (!doc)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d could not be read as a PDF (the file is damaged).")
                .arg(name));
    if (doc->isLocked())
        return Error::make(ErrorCode::AccessDenied,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d is an encrypted PDF; remove its password and add it again.")
                .arg(name));
    const int pages = doc->numPages();
    if (pages <= 0)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d could not be read as a PDF (the file is damaged).")
                .arg(name));
    for (int i = 0; i < pages; ++i) {
        std::unique_ptr<Poppler::Page> page = doc->page(i);
        if (!page)
            continue;
        QString text = page->text(QRectF());
        if (!text.isEmpty() && !text.endsWith(u'\n'))
            text += QStringLiteral("\n\n");
        if (!out.give(text))
            return cancelledError(name);
    }
    return {};
}

// The text of word/document.xml: <w:t> runs, tabs and breaks, a line per paragraph.
class DocxText
{
public:
    explicit DocxText(Delivery &out) : m_out(out) { }

    bool feed(const QByteArray &xml)
    {
        m_xml.addData(xml);
        return pump();
    }
    bool finish() { return pump() && flush(true); }
    bool failed() const
    {
        return m_xml.hasError() && m_xml.error() != QXmlStreamReader::PrematureEndOfDocumentError;
    }

private:
    bool pump()
    {
        while (!m_xml.atEnd()) {
            const QXmlStreamReader::TokenType t = m_xml.readNext();
            if (t == QXmlStreamReader::Invalid)
                break;
            const QStringView local = m_xml.name();
            if (t == QXmlStreamReader::StartElement) {
                if (local == u"t")
                    m_inText = true;
                else if (local == u"tab")
                    m_text += u'\t';
                else if (local == u"br" || local == u"cr")
                    m_text += u'\n';
            } else if (t == QXmlStreamReader::EndElement) {
                if (local == u"t")
                    m_inText = false;
                else if (local == u"p") {
                    m_text += u'\n';
                    if (!flush(false))
                        return false;
                }
            } else if (t == QXmlStreamReader::Characters && m_inText) {
                m_text += m_xml.text();
                if (m_text.size() >= kBlock && !flush(true)) // one huge paragraph is still streamed
                    return false;
            }
        }
        return true;
    }
    bool flush(bool all)
    {
        if (!all && m_text.size() < kBlock / 2)
            return true;
        const bool go = m_out.give(m_text);
        m_text.clear();
        return go;
    }

    Delivery &m_out;
    QXmlStreamReader m_xml;
    QString m_text;
    bool m_inText = false;
};

Result<void> readDocx(const QByteArray &bytes, const QString &name, Delivery &out)
{
    const auto damaged = [&] {
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d could not be read as a Word document (the file is damaged).")
                .arg(name));
    };
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(bytes.constData(), zip_uint64_t(bytes.size()), 0, &error);
    if (!source) {
        zip_error_fini(&error);
        return damaged();
    }
    zip_t *archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (!archive) {
        zip_source_free(source);
        return damaged();
    }
    const std::unique_ptr<zip_t, decltype(&zip_discard)> closer(archive, &zip_discard);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(archive, "word/document.xml", 0, &st) != 0)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d is not a Word document (it has no word/document.xml).")
                .arg(name));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return Error::make(ErrorCode::AccessDenied,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d is an encrypted Word document; remove its password and add it again.")
                .arg(name));
    const qint64 packed = (st.valid & ZIP_STAT_COMP_SIZE) ? qint64(st.comp_size) : bytes.size();
    // Counted as unpacked, not as the archive claims.
    const qint64 limit = std::min<qint64>(kMaxDocxXmlBytes, std::max<qint64>(packed, 1) * kMaxDocxRatio);
    zip_file_t *file = zip_fopen(archive, "word/document.xml", 0);
    if (!file)
        return damaged();
    const std::unique_ptr<zip_file_t, decltype(&zip_fclose)> fileCloser(file, &zip_fclose);
    DocxText text(out);
    QByteArray block(64 * 1024, Qt::Uninitialized);
    qint64 unpacked = 0;
    for (;;) {
        const zip_int64_t n = zip_fread(file, block.data(), zip_uint64_t(block.size()));
        if (n < 0)
            return damaged();
        if (n == 0)
            break;
        unpacked += n;
        if (unpacked > limit)
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate("cairn::knowledge::DocumentReader",
                    "\u201c%1\u201d unpacks to more than %2 MB of text (or over %3 times its packed size); "
                    "it is refused as a possible zip bomb.")
                    .arg(name)
                    .arg(kMaxDocxXmlBytes >> 20)
                    .arg(kMaxDocxRatio));
        if (!text.feed(QByteArray::fromRawData(block.constData(), qsizetype(n))))
            return cancelledError(name);
        if (text.failed())
            return damaged();
    }
    if (!text.finish())
        return cancelledError(name);
    if (text.failed())
        return damaged();
    return {};
}

} // namespace

Result<qint64> readDocument(QIODevice &device, qint64 size, const QString &name, DocumentKind kind,
    const std::function<bool(QStringView)> &sink, const std::atomic<bool> *cancel)
{
    if (kind == DocumentKind::Unsupported)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d is not a supported document (text, Markdown, HTML, PDF, Word .docx, CSV or "
                "source code).")
                .arg(name));
    if (size == 0)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader", "\u201c%1\u201d is empty.")
                .arg(name));
    Delivery out(sink, cancel);
    const auto finished = [&](const Result<void> &r) -> Result<qint64> {
        if (out.exceeded())
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate("cairn::knowledge::DocumentReader",
                    "\u201c%1\u201d holds more than %2 million characters of text; split it into smaller "
                    "files.")
                    .arg(name)
                    .arg(kMaxDocumentChars / 1000000));
        if (!r)
            return r.error();
        if (out.delivered() == 0 || (cancel && cancel->load()))
            return cancel && cancel->load()
                ? cancelledError(name)
                : Error::make(ErrorCode::InvalidArgument,
                    kind == DocumentKind::Pdf
                        ? QCoreApplication::translate("cairn::knowledge::DocumentReader",
                            "\u201c%1\u201d has no text (a scanned PDF needs text recognition first).")
                              .arg(name)
                        : QCoreApplication::translate(
                            "cairn::knowledge::DocumentReader", "\u201c%1\u201d has no text.")
                              .arg(name));
        return out.delivered();
    };
    if (kind == DocumentKind::Pdf || kind == DocumentKind::Docx) {
        const qint64 limit = kind == DocumentKind::Pdf ? kMaxPdfBytes : kMaxDocxBytes;
        if (size > limit)
            return tooLarge(name, kindName(kind), limit);
        auto bytes = readWhole(device, size, name, cancel);
        if (!bytes)
            return bytes.error();
        return finished(kind == DocumentKind::Pdf ? readPdf(bytes.value(), name, out)
                                                  : readDocx(bytes.value(), name, out));
    }
    if (kind == DocumentKind::Html && size > kMaxHtmlBytes)
        return tooLarge(name, kindName(kind), kMaxHtmlBytes);
    const QByteArray head = device.peek(kSniff);
    if (looksBinary(head))
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d contains binary data, not text (is it really %2?).")
                .arg(name, kindName(kind)));
    const bool utf16 = head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF");
    QStringDecoder decoder;
    if (head.startsWith("\xFF\xFE"))
        decoder = QStringDecoder(QStringDecoder::Utf16LE);
    else if (head.startsWith("\xFE\xFF"))
        decoder = QStringDecoder(QStringDecoder::Utf16BE);
    else if (isValidUtf8(head, head.size() >= size))
        decoder = QStringDecoder(QStringDecoder::Utf8);
    else
        decoder = QStringDecoder(QStringDecoder::Latin1);
    if (head.startsWith("\xEF\xBB\xBF") || utf16)
        device.read(head.startsWith("\xEF") ? 3 : 2); // the byte-order mark is no text

    if (kind == DocumentKind::Html) {
        auto bytes = readWhole(device,
            size
                - (head.startsWith("\xEF\xBB\xBF") ? 3
                        : utf16                    ? 2
                                                   : 0),
            name, cancel);
        if (!bytes)
            return bytes.error();
        const QString text = htmlToText(decoder.decode(bytes.value()));
        for (qsizetype at = 0; at < text.size(); at += kBlock)
            if (!out.give(QStringView(text).mid(at, kBlock)))
                return finished(cancelledError(name));
        return finished({});
    }
    while (!device.atEnd()) {
        const QByteArray block = device.read(kBlock);
        if (block.isEmpty()) {
            if (device.atEnd())
                break;
            return readError(name, device.errorString());
        }
        if (!utf16 && block.contains('\0'))
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate("cairn::knowledge::DocumentReader",
                    "\u201c%1\u201d contains binary data, not text (is it really %2?).")
                    .arg(name, kindName(kind)));
        if (!out.give(QString(decoder.decode(block))))
            return finished(cancelledError(name));
    }
    return finished({});
}

Result<qint64> readDocument(const QString &path, DocumentKind kind,
    const std::function<bool(QStringView)> &sink, const std::atomic<bool> *cancel)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io,
            QCoreApplication::translate(
                "cairn::knowledge::DocumentReader", "Could not open \u201c%1\u201d: %2")
                .arg(name, file.errorString()));
    return readDocument(file, file.size(), name, kind, sink, cancel);
}

} // namespace cairn::knowledge
