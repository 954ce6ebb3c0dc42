#include "knowledge/DocumentReader.h"

#include "common/TextEncoding.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringDecoder>

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
            const qsizetype semi = html.indexOf(u';', i + 1);
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

Result<qint64> readText(const QString &path, DocumentKind kind, const std::function<bool(QStringView)> &sink,
    const std::atomic<bool> *cancel)
{
    const QString name = QFileInfo(path).fileName();
    if (kind == DocumentKind::Pdf || kind == DocumentKind::Docx || kind == DocumentKind::Unsupported)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "cairn::knowledge::DocumentReader", "\u201c%1\u201d is not a text document (%2).")
                .arg(name, kindName(kind)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io,
            QCoreApplication::translate(
                "cairn::knowledge::DocumentReader", "Could not open \u201c%1\u201d: %2")
                .arg(name, file.errorString()));
    const qint64 size = file.size();
    if (size == 0)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader", "\u201c%1\u201d is empty.")
                .arg(name));
    if (kind == DocumentKind::Html && size > kMaxHtmlBytes)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d is too large for an HTML page (%2 MB at most).")
                .arg(name)
                .arg(kMaxHtmlBytes >> 20));
    const QByteArray head = file.peek(kSniff);
    if (looksBinary(head))
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader",
                "\u201c%1\u201d contains binary data, not text (is it really %2?).")
                .arg(name, kindName(kind)));
    QStringDecoder decoder;
    if (head.startsWith("\xFF\xFE"))
        decoder = QStringDecoder(QStringDecoder::Utf16LE);
    else if (head.startsWith("\xFE\xFF"))
        decoder = QStringDecoder(QStringDecoder::Utf16BE);
    else if (isValidUtf8(head, head.size() >= size))
        decoder = QStringDecoder(QStringDecoder::Utf8);
    else
        decoder = QStringDecoder(QStringDecoder::Latin1);
    if (head.startsWith("\xEF\xBB\xBF") || head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        file.read(head.startsWith("\xEF") ? 3 : 2); // the byte-order mark is no text

    qint64 delivered = 0;
    const auto give = [&](const QString &text) -> bool {
        if (text.isEmpty())
            return true;
        delivered += text.size();
        return sink(text);
    };
    const auto stopped = [&] { return cancel && cancel->load(); };
    if (kind == DocumentKind::Html) {
        const QString text = htmlToText(decoder.decode(file.readAll()));
        if (file.error() != QFileDevice::NoError)
            return Error::make(ErrorCode::Io,
                QCoreApplication::translate(
                    "cairn::knowledge::DocumentReader", "Could not read \u201c%1\u201d: %2")
                    .arg(name, file.errorString()));
        for (qsizetype at = 0; at < text.size(); at += kBlock) {
            if (stopped() || !give(text.mid(at, kBlock)))
                return Error::make(ErrorCode::Cancelled,
                    QCoreApplication::translate(
                        "cairn::knowledge::DocumentReader", "Reading \u201c%1\u201d was cancelled.")
                        .arg(name));
        }
    } else {
        while (!file.atEnd()) {
            const QByteArray block = file.read(kBlock);
            if (block.isEmpty() && file.error() != QFileDevice::NoError)
                return Error::make(ErrorCode::Io,
                    QCoreApplication::translate(
                        "cairn::knowledge::DocumentReader", "Could not read \u201c%1\u201d: %2")
                        .arg(name, file.errorString()));
            if (block.contains('\0') && decoder.isValid() && !head.startsWith("\xFF\xFE")
                && !head.startsWith("\xFE\xFF"))
                return Error::make(ErrorCode::InvalidArgument,
                    QCoreApplication::translate("cairn::knowledge::DocumentReader",
                        "\u201c%1\u201d contains binary data, not text (is it really %2?).")
                        .arg(name, kindName(kind)));
            if (stopped() || !give(decoder.decode(block)))
                return Error::make(ErrorCode::Cancelled,
                    QCoreApplication::translate(
                        "cairn::knowledge::DocumentReader", "Reading \u201c%1\u201d was cancelled.")
                        .arg(name));
        }
    }
    if (delivered == 0)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::knowledge::DocumentReader", "\u201c%1\u201d has no text.")
                .arg(name));
    return delivered;
}

} // namespace cairn::knowledge
