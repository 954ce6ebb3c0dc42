#include "chat/CodeBlocks.h"

#include <QHash>

namespace cairn::CodeBlocks {

namespace {

struct Fence {
    QChar marker;
    qsizetype length = 0;
    QString info;
};

// A line that opens or closes a fence: up to three spaces, then three or more ` or ~.
bool fenceOf(QStringView line, Fence *fence)
{
    qsizetype i = 0;
    while (i < line.size() && i < 4 && line[i] == QLatin1Char(' '))
        ++i;
    if (i > 3 || i >= line.size())
        return false;
    const QChar marker = line[i];
    if (marker != QLatin1Char('`') && marker != QLatin1Char('~'))
        return false;
    qsizetype n = 0;
    while (i + n < line.size() && line[i + n] == marker)
        ++n;
    if (n < 3)
        return false;
    const QStringView info = line.mid(i + n).trimmed();
    if (marker == QLatin1Char('`') && info.contains(QLatin1Char('`')))
        return false; // a backtick fence's info string has no backticks
    fence->marker = marker;
    fence->length = n;
    fence->info = info.toString();
    return true;
}

QString languageOf(const QString &info)
{
    return info.section(QLatin1Char(' '), 0, 0).section(QLatin1Char('{'), 0, 0).toLower();
}

} // namespace

QList<Block> parse(const QString &markdown)
{
    QList<Block> out;
    qsizetype lineStart = 0;
    std::optional<Fence> open;
    Block current;
    QStringList lines;
    while (lineStart <= markdown.size()) {
        qsizetype lineEnd = markdown.indexOf(QLatin1Char('\n'), lineStart);
        if (lineEnd < 0)
            lineEnd = markdown.size();
        const QStringView line = QStringView(markdown).mid(lineStart, lineEnd - lineStart);
        Fence f;
        if (!open) {
            if (fenceOf(line, &f)) {
                open = f;
                current = Block();
                current.language = languageOf(f.info);
                current.fence = QString(f.length, f.marker);
                current.start = lineStart;
                lines.clear();
            }
        } else if (fenceOf(line, &f) && f.marker == open->marker && f.length >= open->length
            && f.info.isEmpty()) {
            current.code = lines.join(QLatin1Char('\n'));
            current.end = std::min(lineEnd + 1, markdown.size());
            current.closed = true;
            out.append(current);
            open.reset();
        } else {
            lines.append(line.toString());
        }
        if (lineEnd >= markdown.size())
            break;
        lineStart = lineEnd + 1;
    }
    if (open) {
        current.code = lines.join(QLatin1Char('\n'));
        current.end = markdown.size();
        out.append(current);
    }
    return out;
}

qsizetype finishedEnd(const QString &markdown, qsizetype from)
{
    qsizetype boundary = from;
    std::optional<Fence> open;
    qsizetype lineStart = from;
    while (lineStart < markdown.size()) {
        const qsizetype lineEnd = markdown.indexOf(QLatin1Char('\n'), lineStart);
        if (lineEnd < 0)
            break; // the last line is still being written
        const QStringView line = QStringView(markdown).mid(lineStart, lineEnd - lineStart);
        Fence f;
        if (!open) {
            if (fenceOf(line, &f))
                open = f;
            else if (line.trimmed().isEmpty())
                boundary = lineEnd + 1;
        } else if (fenceOf(line, &f) && f.marker == open->marker && f.length >= open->length
            && f.info.isEmpty()) {
            open.reset();
        }
        lineStart = lineEnd + 1;
    }
    return boundary;
}

QList<Opening> openings(const QString &markdown, qsizetype from, qsizetype to, int firstIndex)
{
    QList<Opening> out;
    int index = firstIndex;
    for (const Block &b : parse(markdown.left(to))) {
        if (b.start >= from)
            out.append({b.start, b.language, index++});
    }
    return out;
}

QString canonicalLanguage(const QString &name)
{
    static const QHash<QString, QString> aliases {
        {QStringLiteral("c"), QStringLiteral("c")},
        {QStringLiteral("h"), QStringLiteral("c")},
        {QStringLiteral("cpp"), QStringLiteral("cpp")},
        {QStringLiteral("c++"), QStringLiteral("cpp")},
        {QStringLiteral("cc"), QStringLiteral("cpp")},
        {QStringLiteral("cxx"), QStringLiteral("cpp")},
        {QStringLiteral("hpp"), QStringLiteral("cpp")},
        {QStringLiteral("objc"), QStringLiteral("c")},
        {QStringLiteral("cs"), QStringLiteral("csharp")},
        {QStringLiteral("csharp"), QStringLiteral("csharp")},
        {QStringLiteral("c#"), QStringLiteral("csharp")},
        {QStringLiteral("java"), QStringLiteral("java")},
        {QStringLiteral("kotlin"), QStringLiteral("kotlin")},
        {QStringLiteral("kt"), QStringLiteral("kotlin")},
        {QStringLiteral("swift"), QStringLiteral("swift")},
        {QStringLiteral("js"), QStringLiteral("javascript")},
        {QStringLiteral("javascript"), QStringLiteral("javascript")},
        {QStringLiteral("jsx"), QStringLiteral("javascript")},
        {QStringLiteral("mjs"), QStringLiteral("javascript")},
        {QStringLiteral("ts"), QStringLiteral("typescript")},
        {QStringLiteral("typescript"), QStringLiteral("typescript")},
        {QStringLiteral("tsx"), QStringLiteral("typescript")},
        {QStringLiteral("rust"), QStringLiteral("rust")},
        {QStringLiteral("rs"), QStringLiteral("rust")},
        {QStringLiteral("go"), QStringLiteral("go")},
        {QStringLiteral("golang"), QStringLiteral("go")},
        {QStringLiteral("python"), QStringLiteral("python")},
        {QStringLiteral("py"), QStringLiteral("python")},
        {QStringLiteral("python3"), QStringLiteral("python")},
        {QStringLiteral("ruby"), QStringLiteral("ruby")},
        {QStringLiteral("rb"), QStringLiteral("ruby")},
        {QStringLiteral("php"), QStringLiteral("php")},
        {QStringLiteral("bash"), QStringLiteral("shell")},
        {QStringLiteral("sh"), QStringLiteral("shell")},
        {QStringLiteral("shell"), QStringLiteral("shell")},
        {QStringLiteral("zsh"), QStringLiteral("shell")},
        {QStringLiteral("console"), QStringLiteral("shell")},
        {QStringLiteral("powershell"), QStringLiteral("powershell")},
        {QStringLiteral("ps1"), QStringLiteral("powershell")},
        {QStringLiteral("sql"), QStringLiteral("sql")},
        {QStringLiteral("sqlite"), QStringLiteral("sql")},
        {QStringLiteral("postgresql"), QStringLiteral("sql")},
        {QStringLiteral("json"), QStringLiteral("json")},
        {QStringLiteral("jsonc"), QStringLiteral("json")},
        {QStringLiteral("yaml"), QStringLiteral("yaml")},
        {QStringLiteral("yml"), QStringLiteral("yaml")},
        {QStringLiteral("toml"), QStringLiteral("toml")},
        {QStringLiteral("ini"), QStringLiteral("toml")},
        {QStringLiteral("html"), QStringLiteral("xml")},
        {QStringLiteral("xml"), QStringLiteral("xml")},
        {QStringLiteral("svg"), QStringLiteral("xml")},
        {QStringLiteral("css"), QStringLiteral("css")},
        {QStringLiteral("scss"), QStringLiteral("css")},
        {QStringLiteral("lua"), QStringLiteral("lua")},
        {QStringLiteral("cmake"), QStringLiteral("cmake")},
        {QStringLiteral("dockerfile"), QStringLiteral("shell")},
        {QStringLiteral("diff"), QStringLiteral("diff")},
        {QStringLiteral("patch"), QStringLiteral("diff")},
    };
    return aliases.value(name.toLower());
}

} // namespace cairn::CodeBlocks
