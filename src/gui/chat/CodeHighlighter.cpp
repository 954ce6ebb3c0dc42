#include "gui/chat/CodeHighlighter.h"

#include "chat/CodeBlocks.h"

#include <QTextBlock>
#include <QTextDocument>

namespace cairn {

namespace {

enum State { Plain = -1, InBlockComment = 1, InTripleDouble = 2, InTripleSingle = 3, InBacktick = 4 };

QSet<QString> words(const char *list)
{
    QSet<QString> out;
    for (const QString &w : QString::fromLatin1(list).split(QLatin1Char(' '), Qt::SkipEmptyParts))
        out.insert(w);
    return out;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

} // namespace

CodeHighlighter::CodeHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setDark(false);
}

void CodeHighlighter::setDark(bool dark)
{
    m_keyword.setForeground(dark ? QColor(0xc6, 0x78, 0xdd) : QColor(0x8b, 0x00, 0x8b));
    m_keyword.setFontWeight(QFont::Bold);
    m_type.setForeground(dark ? QColor(0xe5, 0xc0, 0x7b) : QColor(0x00, 0x5c, 0x8a));
    m_string.setForeground(dark ? QColor(0x98, 0xc3, 0x79) : QColor(0x0a, 0x7a, 0x1e));
    m_comment.setForeground(dark ? QColor(0x7f, 0x84, 0x8e) : QColor(0x6a, 0x73, 0x7d));
    m_comment.setFontItalic(true);
    m_number.setForeground(dark ? QColor(0xd1, 0x9a, 0x66) : QColor(0xb3, 0x5c, 0x00));
    m_tag.setForeground(dark ? QColor(0xe0, 0x6c, 0x75) : QColor(0x22, 0x55, 0xaa));
    m_added.setForeground(dark ? QColor(0x98, 0xc3, 0x79) : QColor(0x0a, 0x7a, 0x1e));
    m_removed.setForeground(dark ? QColor(0xe0, 0x6c, 0x75) : QColor(0xb0, 0x10, 0x10));
    rehighlight();
}

void CodeHighlighter::colourUntil(int position)
{
    const int before = m_until;
    m_until = position;
    if (!document())
        return;
    // Colour what became final: the blocks between the old limit and the new one.
    const int from = before < 0 ? position : before;
    const int to = position < 0 ? document()->characterCount() : position;
    for (QTextBlock b = document()->findBlock(std::min(from, to)); b.isValid() && b.position() < to;
         b = b.next()) {
        if (b.blockFormat().hasProperty(QTextFormat::BlockCodeLanguage))
            rehighlightBlock(b);
    }
}

const CodeHighlighter::Rules *CodeHighlighter::rulesFor(const QString &language)
{
    static const QHash<QString, Rules> table = [] {
        QHash<QString, Rules> t;
        const char *cTypes = "void bool char short int long float double signed unsigned size_t int8_t "
                             "int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t auto";
        Rules c;
        c.keywords = words("if else for while do switch case default break continue return goto struct union "
                           "enum typedef static extern const volatile sizeof inline restrict NULL true false "
                           "#include #define #ifdef #ifndef #endif #if #else #elif #pragma");
        c.types = words(cTypes);
        c.lineComment = QStringLiteral("//");
        c.blockComments = true;
        t.insert(QStringLiteral("c"), c);
        Rules cpp = c;
        cpp.keywords
            += words("class namespace template typename public private protected virtual override final "
                     "new delete this using try catch throw noexcept constexpr consteval constinit "
                     "nullptr operator friend explicit mutable static_cast dynamic_cast reinterpret_cast "
                     "const_cast co_await co_return co_yield concept requires import module export");
        cpp.types += words("std string vector map set unique_ptr shared_ptr optional");
        t.insert(QStringLiteral("cpp"), cpp);
        Rules java = c;
        java.keywords
            = words("abstract assert break case catch class continue default do else enum extends final "
                    "finally for if implements import instanceof interface native new package private "
                    "protected public return static super switch synchronized this throw throws try "
                    "while true false null var record yield sealed permits");
        java.types = words("void boolean byte char short int long float double String Object List Map");
        t.insert(QStringLiteral("java"), java);
        Rules csharp = java;
        csharp.keywords += words("namespace using async await readonly ref out in is as base struct get set "
                                 "override virtual internal event delegate");
        csharp.types += words("string object decimal bool uint ulong");
        t.insert(QStringLiteral("csharp"), csharp);
        Rules kotlin = java;
        kotlin.keywords += words("fun val var when object companion data suspend is as in out lateinit");
        t.insert(QStringLiteral("kotlin"), kotlin);
        Rules swift = java;
        swift.keywords += words("func let var guard struct protocol extension self Self nil in as is inout");
        t.insert(QStringLiteral("swift"), swift);
        Rules js;
        js.keywords
            = words("var let const function return if else for while do switch case default break "
                    "continue new delete typeof instanceof in of class extends super this import export "
                    "from as async await yield try catch finally throw null undefined true false void");
        js.types = words("Array Object String Number Boolean Promise Map Set JSON Math console");
        js.lineComment = QStringLiteral("//");
        js.blockComments = true;
        js.backtickStrings = true;
        t.insert(QStringLiteral("javascript"), js);
        Rules ts = js;
        ts.keywords += words("interface type enum implements private public protected readonly declare "
                             "namespace abstract keyof as is satisfies");
        ts.types += words("string number boolean any unknown never void object");
        t.insert(QStringLiteral("typescript"), ts);
        Rules rust;
        rust.keywords
            = words("as async await break const continue crate dyn else enum extern false fn for if "
                    "impl in let loop match mod move mut pub ref return self Self static struct super "
                    "trait true type unsafe use where while");
        rust.types = words("i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str String "
                           "Vec Option Result Box Some None Ok Err");
        rust.lineComment = QStringLiteral("//");
        rust.blockComments = true;
        t.insert(QStringLiteral("rust"), rust);
        Rules go;
        go.keywords
            = words("break case chan const continue default defer else fallthrough for func go goto if "
                    "import interface map package range return select struct switch type var nil true "
                    "false iota");
        go.types
            = words("bool byte int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 float32 float64 "
                    "string error rune any");
        go.lineComment = QStringLiteral("//");
        go.blockComments = true;
        go.backtickStrings = true;
        t.insert(QStringLiteral("go"), go);
        Rules python;
        python.keywords = words("and as assert async await break class continue def del elif else except "
                                "finally for from global if import in is lambda nonlocal not or pass raise "
                                "return try while with yield True False None match case self");
        python.types = words("int float str bool list dict set tuple bytes object print len range");
        python.hashComments = true;
        python.tripleQuotes = true;
        t.insert(QStringLiteral("python"), python);
        Rules ruby;
        ruby.keywords = words("def end if elsif else unless while until for in do return class module self "
                              "nil true false and or not begin rescue ensure yield require puts");
        ruby.hashComments = true;
        t.insert(QStringLiteral("ruby"), ruby);
        Rules php = js;
        php.keywords += words("echo function public private protected namespace use fn match array");
        php.hashComments = true;
        t.insert(QStringLiteral("php"), php);
        Rules shell;
        shell.keywords = words("if then else elif fi for in do done while until case esac function return "
                               "local export echo exit cd set unset source sudo apt git");
        shell.hashComments = true;
        t.insert(QStringLiteral("shell"), shell);
        Rules powershell = shell;
        powershell.keywords = words("function param if else elseif foreach for while return try catch "
                                    "Write-Host Get-ChildItem Set-Location");
        t.insert(QStringLiteral("powershell"), powershell);
        Rules sql;
        for (const QString &w :
            words("select from where and or not insert into values update set delete create "
                  "table index view drop alter add join left right inner outer on group by "
                  "order having limit offset as distinct union all primary key foreign "
                  "references null is in like between case when then else end with "
                  "returning begin commit rollback"))
            sql.keywords += {w, w.toUpper()};
        for (const QString &w : words("integer int text real blob varchar char boolean date timestamp"))
            sql.types += {w, w.toUpper()};
        sql.lineComment = QStringLiteral("--");
        sql.blockComments = true;
        t.insert(QStringLiteral("sql"), sql);
        Rules lua;
        lua.keywords = words("and break do else elseif end false for function if in local nil not or repeat "
                             "return then true until while");
        lua.lineComment = QStringLiteral("--");
        t.insert(QStringLiteral("lua"), lua);
        Rules json;
        json.keywords = words("true false null");
        t.insert(QStringLiteral("json"), json);
        Rules yaml;
        yaml.keywords = words("true false null yes no on off");
        yaml.hashComments = true;
        t.insert(QStringLiteral("yaml"), yaml);
        t.insert(QStringLiteral("toml"), yaml);
        Rules cmake;
        cmake.keywords
            = words("if else elseif endif foreach endforeach function endfunction macro endmacro set "
                    "project add_executable add_library target_link_libraries find_package "
                    "include option message");
        cmake.hashComments = true;
        t.insert(QStringLiteral("cmake"), cmake);
        Rules css;
        css.blockComments = true;
        t.insert(QStringLiteral("css"), css);
        return t;
    }();
    const auto it = table.constFind(language);
    return it == table.constEnd() ? nullptr : &*it;
}

void CodeHighlighter::highlightBlock(const QString &text)
{
    const QTextBlock block = currentBlock();
    const QTextBlockFormat format = block.blockFormat();
    if (!format.hasProperty(QTextFormat::BlockCodeLanguage)) {
        setCurrentBlockState(Plain);
        return;
    }
    if (m_until >= 0 && block.position() >= m_until) {
        setCurrentBlockState(Plain); // still being written
        return;
    }
    const QString language
        = CodeBlocks::canonicalLanguage(format.stringProperty(QTextFormat::BlockCodeLanguage));
    // A new code block starts plain even if the one before it ended inside a comment.
    const QTextBlock previous = block.previous();
    const bool continues = previous.isValid()
        && previous.blockFormat().property(QTextFormat::BlockCodeLanguage)
            == format.property(QTextFormat::BlockCodeLanguage)
        && previous.blockFormat().hasProperty(QTextFormat::BlockCodeLanguage);
    int state = continues ? previousBlockState() : Plain;
    setCurrentBlockState(Plain);
    if (language == QStringLiteral("xml")) {
        highlightMarkup(text);
        return;
    }
    if (language == QStringLiteral("diff")) {
        highlightDiff(text);
        return;
    }
    const Rules *rules = rulesFor(language);
    if (!rules)
        return;
    const qsizetype n = text.size();
    qsizetype i = 0;
    // Continue a multi-line comment or string from the line before.
    const auto closeState = [&](const QString &closer, const QTextCharFormat &fmt, int ownState) {
        const qsizetype end = text.indexOf(closer, i);
        if (end < 0) {
            setFormat(0, static_cast<int>(n), fmt);
            setCurrentBlockState(ownState);
            i = n;
        } else {
            setFormat(0, static_cast<int>(end + closer.size()), fmt);
            i = end + closer.size();
        }
    };
    if (state == InBlockComment)
        closeState(QStringLiteral("*/"), m_comment, InBlockComment);
    else if (state == InTripleDouble)
        closeState(QStringLiteral("\"\"\""), m_string, InTripleDouble);
    else if (state == InTripleSingle)
        closeState(QStringLiteral("'''"), m_string, InTripleSingle);
    else if (state == InBacktick)
        closeState(QStringLiteral("`"), m_string, InBacktick);
    while (i < n) {
        const QChar c = text[i];
        const QStringView rest = QStringView(text).mid(i);
        if ((!rules->lineComment.isEmpty() && rest.startsWith(rules->lineComment))
            || (rules->hashComments && c == QLatin1Char('#') && (i == 0 || !isWordChar(text[i - 1]))
                && !(language == QStringLiteral("cpp") || language == QStringLiteral("c")))) {
            setFormat(static_cast<int>(i), static_cast<int>(n - i), m_comment);
            return;
        }
        if (rules->blockComments && rest.startsWith(QStringLiteral("/*"))) {
            const qsizetype end = text.indexOf(QStringLiteral("*/"), i + 2);
            if (end < 0) {
                setFormat(static_cast<int>(i), static_cast<int>(n - i), m_comment);
                setCurrentBlockState(InBlockComment);
                return;
            }
            setFormat(static_cast<int>(i), static_cast<int>(end + 2 - i), m_comment);
            i = end + 2;
            continue;
        }
        if (rules->tripleQuotes
            && (rest.startsWith(QStringLiteral("\"\"\"")) || rest.startsWith(QStringLiteral("'''")))) {
            const QString quote = rest.left(3).toString();
            const qsizetype end = text.indexOf(quote, i + 3);
            if (end < 0) {
                setFormat(static_cast<int>(i), static_cast<int>(n - i), m_string);
                setCurrentBlockState(quote.startsWith(QLatin1Char('"')) ? InTripleDouble : InTripleSingle);
                return;
            }
            setFormat(static_cast<int>(i), static_cast<int>(end + 3 - i), m_string);
            i = end + 3;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')
            || (c == QLatin1Char('`') && rules->backtickStrings)) {
            qsizetype j = i + 1;
            while (j < n && text[j] != c) {
                if (text[j] == QLatin1Char('\\'))
                    ++j;
                ++j;
            }
            if (j >= n && c == QLatin1Char('`')) {
                setFormat(static_cast<int>(i), static_cast<int>(n - i), m_string);
                setCurrentBlockState(InBacktick);
                return;
            }
            const qsizetype end = std::min(j + 1, n);
            setFormat(static_cast<int>(i), static_cast<int>(end - i), m_string);
            i = end;
            continue;
        }
        if (c.isDigit() && (i == 0 || !isWordChar(text[i - 1]))) {
            qsizetype j = i;
            while (j < n
                && (text[j].isLetterOrNumber() || text[j] == QLatin1Char('.') || text[j] == QLatin1Char('_')))
                ++j;
            setFormat(static_cast<int>(i), static_cast<int>(j - i), m_number);
            i = j;
            continue;
        }
        if (isWordChar(c) || c == QLatin1Char('#') || c == QLatin1Char('@') || c == QLatin1Char('$')) {
            qsizetype j = i + 1;
            while (j < n && (isWordChar(text[j]) || text[j] == QLatin1Char('-')))
                ++j;
            // "-" only inside PowerShell's Verb-Noun words; trim it elsewhere.
            if (language != QStringLiteral("powershell")) {
                for (qsizetype k = i + 1; k < j; ++k) {
                    if (text[k] == QLatin1Char('-')) {
                        j = k;
                        break;
                    }
                }
            }
            const QString word = text.mid(i, j - i);
            if (rules->keywords.contains(word))
                setFormat(static_cast<int>(i), static_cast<int>(j - i), m_keyword);
            else if (rules->types.contains(word))
                setFormat(static_cast<int>(i), static_cast<int>(j - i), m_type);
            i = j;
            continue;
        }
        ++i;
    }
}

void CodeHighlighter::highlightMarkup(const QString &text)
{
    int state = previousBlockState();
    qsizetype i = 0;
    const qsizetype n = text.size();
    if (state == InBlockComment) {
        const qsizetype end = text.indexOf(QStringLiteral("-->"));
        if (end < 0) {
            setFormat(0, static_cast<int>(n), m_comment);
            setCurrentBlockState(InBlockComment);
            return;
        }
        setFormat(0, static_cast<int>(end + 3), m_comment);
        i = end + 3;
    }
    while (i < n) {
        if (QStringView(text).mid(i).startsWith(QStringLiteral("<!--"))) {
            const qsizetype end = text.indexOf(QStringLiteral("-->"), i + 4);
            if (end < 0) {
                setFormat(static_cast<int>(i), static_cast<int>(n - i), m_comment);
                setCurrentBlockState(InBlockComment);
                return;
            }
            setFormat(static_cast<int>(i), static_cast<int>(end + 3 - i), m_comment);
            i = end + 3;
        } else if (text[i] == QLatin1Char('<')) {
            qsizetype j = i + 1;
            while (j < n
                && (isWordChar(text[j]) || text[j] == QLatin1Char('/') || text[j] == QLatin1Char('!')
                    || text[j] == QLatin1Char('-') || text[j] == QLatin1Char(':')))
                ++j;
            setFormat(static_cast<int>(i), static_cast<int>(j - i), m_tag);
            i = j;
        } else if (text[i] == QLatin1Char('"')) {
            qsizetype end = text.indexOf(QLatin1Char('"'), i + 1);
            end = end < 0 ? n : end + 1;
            setFormat(static_cast<int>(i), static_cast<int>(end - i), m_string);
            i = end;
        } else {
            ++i;
        }
    }
}

void CodeHighlighter::highlightDiff(const QString &text)
{
    if (text.startsWith(QLatin1Char('+')))
        setFormat(0, static_cast<int>(text.size()), m_added);
    else if (text.startsWith(QLatin1Char('-')))
        setFormat(0, static_cast<int>(text.size()), m_removed);
    else if (text.startsWith(QStringLiteral("@@")))
        setFormat(0, static_cast<int>(text.size()), m_type);
}

} // namespace cairn
