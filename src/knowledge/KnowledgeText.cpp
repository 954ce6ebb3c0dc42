#include "knowledge/KnowledgeText.h"

#include <QRegularExpression>

#include <algorithm>

namespace cairn::knowledge {

namespace {

double costOf(QStringView text);

bool isCjk(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3040 && c <= 0x30FF)
        || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

// The code point starting at i (a high surrogate and its low half, or one character).
char32_t codePointAt(QStringView text, qsizetype i)
{
    const QChar c = text.at(i);
    return c.isHighSurrogate() && i + 1 < text.size() ? QChar::surrogateToUcs4(c, text.at(i + 1))
                                                      : c.unicode();
}

// Buffered text is cut into segments of about this many characters at a line break.
constexpr qsizetype kSegmentChars = 32 * 1024;

// Splits at sep, keeping each separator with the part before it (joining the parts gives the text).
QStringList splitKeeping(const QString &text, const QString &sep)
{
    QStringList parts;
    qsizetype from = 0;
    while (from < text.size()) {
        const qsizetype at = text.indexOf(sep, from);
        if (at < 0) {
            parts.append(text.mid(from));
            break;
        }
        parts.append(text.mid(from, at + sep.size() - from));
        from = at + sep.size();
    }
    return parts;
}

// Cuts anywhere (never inside a surrogate pair) into pieces of at most maxTokens.
QStringList hardCut(const QString &text, int maxTokens)
{
    QStringList out;
    qsizetype start = 0;
    double tokens = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isLowSurrogate())
            continue; // counted with its high half
        const char32_t code = codePointAt(text, i);
        const double cost = isCjk(code) ? 1.0 : 0.25;
        if (tokens + cost > maxTokens && i > start) {
            out.append(text.mid(start, i - start));
            start = i;
            tokens = 0;
        }
        tokens += cost;
    }
    if (start < text.size())
        out.append(text.mid(start));
    return out;
}

// Pieces of at most maxTokens each, cut at the first separator that makes them small enough.
void recursiveSplit(
    const QString &text, const QStringList &separators, qsizetype sepIndex, int maxTokens, QStringList &out)
{
    if (estimateTokens(text) <= maxTokens) {
        out.append(text);
        return;
    }
    if (sepIndex >= separators.size()) {
        out += hardCut(text, maxTokens);
        return;
    }
    const QString &sep = separators.at(sepIndex);
    if (sep.isEmpty() || !text.contains(sep)) {
        recursiveSplit(text, separators, sepIndex + 1, maxTokens, out);
        return;
    }
    for (const QString &part : splitKeeping(text, sep))
        recursiveSplit(part, separators, sepIndex + 1, maxTokens, out);
}

// The token estimate before rounding (so pieces add up).
double costOf(QStringView text)
{
    double cost = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isLowSurrogate())
            continue;
        const char32_t code = codePointAt(text, i);
        cost += isCjk(code) ? 1.0 : 0.25;
    }
    return cost;
}

} // namespace

ChunkSettings ChunkSettings::normalised() const
{
    ChunkSettings s = *this;
    s.maxTokens = std::clamp(s.maxTokens, 1, 8192);
    s.overlapTokens = std::clamp(s.overlapTokens, 0, s.maxTokens / 2);
    s.separators.removeAll(QString());
    return s;
}

int estimateTokens(QStringView text)
{
    qsizetype cjk = 0;
    qsizetype other = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isLowSurrogate())
            continue;
        const char32_t code = codePointAt(text, i);
        if (isCjk(code))
            ++cjk;
        else
            ++other;
    }
    return static_cast<int>(cjk + (other + 3) / 4);
}

QString clean(const QString &text, const ChunkSettings &settings)
{
    QString out = text;
    if (settings.dropUrlsAndEmails) {
        static const QRegularExpression urls(QStringLiteral(R"((?:https?|ftp)://[^\s<>"]+|www\.[^\s<>"]+)"));
        static const QRegularExpression emails(QStringLiteral(R"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)"));
        out.remove(urls);
        out.remove(emails);
    }
    if (!settings.collapseWhitespace)
        return out;
    // One pass: runs of spaces and tabs become one space, spaces around a line break go, a CR LF
    // becomes LF, and three or more line breaks become two.
    QString collapsed;
    collapsed.reserve(out.size());
    bool pendingSpace = false;
    int newlines = 0;
    const qsizetype n = out.size();
    const QChar *d = out.constData();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = d[i].unicode();
        if (c == u' ' || c == u'\t' || c == 0x0B || c == 0x0C || c == 0xA0) {
            pendingSpace = true;
            continue;
        }
        if (c == u'\r' && i + 1 < n && d[i + 1] == u'\n')
            continue;
        if (c == u'\n') {
            pendingSpace = false;
            ++newlines;
            continue;
        }
        if (newlines > 0)
            collapsed.append(newlines >= 2 ? QStringLiteral("\n\n") : QStringLiteral("\n"));
        else if (pendingSpace)
            collapsed.append(u' ');
        newlines = 0;
        pendingSpace = false;
        collapsed.append(d[i]);
    }
    if (newlines > 0)
        collapsed.append(newlines >= 2 ? QStringLiteral("\n\n") : QStringLiteral("\n"));
    else if (pendingSpace)
        collapsed.append(u' ');
    return collapsed;
}

ChunkStream::ChunkStream(const ChunkSettings &settings) : m_settings(settings.normalised()) { }

void ChunkStream::feed(QStringView text)
{
    m_buffer += text;
    if (m_buffer.size() > 2 * kSegmentChars)
        cutReady(false);
}

void ChunkStream::finish()
{
    cutReady(true);
    // What is left, unless it is only the overlap carried from the chunk before.
    if (!m_overlap.isEmpty() && m_pendingFresh)
        emitChunk(m_overlap);
    m_overlap.clear();
    m_fill = 0;
    m_pendingFresh = false;
}

QList<Chunk> ChunkStream::take()
{
    QList<Chunk> out;
    out.swap(m_ready);
    return out;
}

void ChunkStream::cutReady(bool final)
{
    while (!m_buffer.isEmpty() && (final || m_buffer.size() > 2 * kSegmentChars)) {
        qsizetype cut = m_buffer.size();
        if (!final) {
            // A segment ends at a line break (or a space) near kSegmentChars.
            cut = m_buffer.lastIndexOf(QLatin1Char('\n'), kSegmentChars);
            if (cut < kSegmentChars / 2)
                cut = m_buffer.lastIndexOf(QLatin1Char(' '), kSegmentChars);
            cut = cut < kSegmentChars / 2 ? kSegmentChars : cut + 1;
            if (m_buffer.at(cut - 1).isHighSurrogate())
                --cut;
        }
        const QString segment = clean(m_buffer.left(cut), m_settings);
        m_buffer.remove(0, cut);
        QStringList pieces;
        recursiveSplit(segment, m_settings.separators, 0, m_settings.maxTokens, pieces);
        for (const QString &piece : std::as_const(pieces)) {
            const double pieceCost = costOf(piece);
            if (m_fill + pieceCost > m_settings.maxTokens && !m_pendingFresh) {
                // Only the overlap (or blank space) is waiting: it gives way to the new piece.
                m_overlap.clear();
                m_fill = 0;
            } else if (m_fill + pieceCost > m_settings.maxTokens) {
                emitChunk(m_overlap);
                // The next chunk starts with the end of this one (whole words where possible).
                QString tail;
                if (m_settings.overlapTokens > 0) {
                    qsizetype from = m_overlap.size();
                    double tokens = 0;
                    while (from > 0) {
                        const double cost = isCjk(m_overlap.at(from - 1).unicode()) ? 1.0 : 0.25;
                        if (tokens + cost > m_settings.overlapTokens)
                            break;
                        tokens += cost;
                        --from;
                    }
                    const qsizetype space = m_overlap.indexOf(QLatin1Char(' '), from);
                    if (space >= 0 && space < m_overlap.size() - 1)
                        from = space + 1;
                    if (from > 0 && from < m_overlap.size() && m_overlap.at(from).isLowSurrogate())
                        ++from;
                    tail = m_overlap.mid(from);
                }
                if (costOf(tail) + pieceCost > m_settings.maxTokens)
                    tail.clear(); // no room for an overlap before a piece this large
                m_overlap = tail;
                m_fill = costOf(tail);
                m_pendingFresh = false;
            }
            m_overlap += piece;
            m_fill += pieceCost;
            m_pendingFresh = m_pendingFresh || !piece.trimmed().isEmpty();
        }
        if (final)
            break;
    }
}

void ChunkStream::emitChunk(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return;
    m_ready.append({m_next++, trimmed, estimateTokens(trimmed)});
}

QString indexForm(QStringView text)
{
    // Most text has nothing to space apart (every CJK character is at U+3040 or above).
    const bool anyWide = std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x3040; });
    if (!anyWide)
        return text.toString();
    QString out;
    out.reserve(text.size() + text.size() / 8);
    bool spaced = true; // the output ends with a separator
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char32_t code = codePointAt(text, i);
        const qsizetype width = code > 0xFFFF ? 2 : 1;
        if (isCjk(code)) {
            if (!spaced)
                out += u' ';
            out += text.mid(i, width);
            out += u' ';
            spaced = true;
        } else {
            out += text.mid(i, width);
            spaced = text.at(i).isSpace();
        }
        i += width - 1;
    }
    return out;
}

QStringList searchTerms(QStringView query)
{
    QStringList terms;
    QString word;
    bool wordIsCjk = false;
    const auto flush = [&] {
        if (!word.isEmpty() && !terms.contains(word))
            terms.append(word);
        word.clear();
    };
    for (qsizetype i = 0; i < query.size(); ++i) {
        const char32_t code = codePointAt(query, i);
        const qsizetype width = code > 0xFFFF ? 2 : 1;
        const QStringView piece = query.mid(i, width);
        i += width - 1;
        const bool cjk = isCjk(code);
        const bool letter
            = cjk || QChar::isLetterOrNumber(code) || QChar::category(code) == QChar::Mark_NonSpacing;
        if (!letter) {
            flush();
            continue;
        }
        if (!word.isEmpty() && cjk != wordIsCjk)
            flush();
        wordIsCjk = cjk;
        if (cjk && !word.isEmpty())
            word += u' ';
        word += piece;
    }
    flush();
    return terms;
}

QList<Chunk> split(const QString &text, const ChunkSettings &settings)
{
    ChunkStream stream(settings);
    stream.feed(text);
    stream.finish();
    return stream.take();
}

} // namespace cairn::knowledge
