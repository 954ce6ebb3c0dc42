#include "llm/StreamParsers.h"

#include <QCoreApplication>

#include <cstring>

namespace cairn::llm {

namespace {

QString tooLongError(qint64 limit)
{
    return QCoreApplication::translate(
        "cairn::StreamParsers", "The server sent a line longer than %1 MiB; the stream was abandoned.")
        .arg(static_cast<double>(limit) / (1024.0 * 1024.0), 0, 'f', 1);
}

// First CR or LF in [p, end), or end.
const char *findLineEnd(const char *p, const char *end)
{
    const auto n = static_cast<size_t>(end - p);
    const auto *lf = static_cast<const char *>(std::memchr(p, '\n', n));
    const char *limit = lf ? lf : end;
    const auto *cr = static_cast<const char *>(std::memchr(p, '\r', static_cast<size_t>(limit - p)));
    return cr ? cr : limit;
}

} // namespace

bool LineSplitter::feed(QByteArrayView bytes, const LineHandler &onLine)
{
    if (failed())
        return false;
    m_bytesSeen += bytes.size();
    const char *p = bytes.data();
    const char *end = p + bytes.size();
    if (m_skipLf && p < end) {
        if (*p == '\n')
            ++p;
        m_skipLf = false;
    }
    while (p < end) {
        const char *eol = findLineEnd(p, end);
        if (eol == end) {
            if (m_partial.size() + (end - p) > m_maxLineBytes) {
                m_partial.clear();
                m_partial.squeeze();
                m_error = tooLongError(m_maxLineBytes);
                return false;
            }
            m_partial.append(p, end - p);
            break;
        }
        if (m_partial.isEmpty()) {
            if (eol - p > m_maxLineBytes) {
                m_error = tooLongError(m_maxLineBytes);
                return false;
            }
            onLine(QByteArrayView(p, eol - p));
            if (failed())
                return false;
        } else {
            if (m_partial.size() + (eol - p) > m_maxLineBytes) {
                m_partial.clear();
                m_partial.squeeze();
                m_error = tooLongError(m_maxLineBytes);
                return false;
            }
            m_partial.append(p, eol - p);
            onLine(m_partial);
            m_partial.clear();
            if (failed())
                return false;
        }
        if (*eol == '\r') {
            if (eol + 1 == end) {
                m_skipLf = true;
                p = end;
                break;
            }
            if (eol[1] == '\n')
                ++eol;
        }
        p = eol + 1;
    }
    return true;
}

bool LineSplitter::finish(const LineHandler &onLine)
{
    if (failed())
        return false;
    if (!m_partial.isEmpty()) {
        onLine(m_partial);
        m_partial.clear();
    }
    return !failed();
}

void LineSplitter::abort(const QString &error)
{
    if (m_error.isEmpty())
        m_error = error;
    m_partial.clear();
    m_partial.squeeze();
}

SseParser::SseParser(EventHandler onEvent, qint64 maxLineBytes)
    : m_lines(maxLineBytes),
      m_lineHandler([this](QByteArrayView line) { onLine(line); }),
      m_onEvent(std::move(onEvent)),
      m_maxEventBytes(maxLineBytes)
{ }

bool SseParser::feed(QByteArrayView bytes)
{
    return m_lines.feed(bytes, m_lineHandler);
}

bool SseParser::finish()
{
    if (!m_lines.finish(m_lineHandler))
        return false;
    dispatch();
    return !failed();
}

void SseParser::onLine(QByteArrayView line)
{
    if (line.isEmpty()) {
        dispatch();
        return;
    }
    if (line.front() == ':') {
        ++m_comments;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value;
    if (colon >= 0) {
        value = line.sliced(colon + 1);
        if (!value.isEmpty() && value.front() == ' ')
            value = value.sliced(1);
    }
    if (field == "data") {
        if (m_pending.data.size() + value.size() + 1 > m_maxEventBytes) {
            m_pending = {};
            m_pending.data.squeeze();
            m_hasData = false;
            m_lines.abort(QCoreApplication::translate("cairn::StreamParsers",
                "The server sent an event larger than %1 MiB; the stream was abandoned.")
                              .arg(static_cast<double>(m_maxEventBytes) / (1024.0 * 1024.0), 0, 'f', 1));
            return;
        }
        if (m_hasData)
            m_pending.data.append('\n');
        m_pending.data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_pending.event = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_pending.id = value.toByteArray();
    }
    // "retry" and unknown fields are ignored, as the format requires.
}

void SseParser::dispatch()
{
    if (m_hasData) {
        ++m_events;
        m_onEvent(m_pending);
    }
    m_pending.event.clear();
    m_pending.data.clear();
    m_hasData = false;
}

NdjsonParser::NdjsonParser(RecordHandler onRecord, qint64 maxLineBytes)
    : m_lines(maxLineBytes),
      m_lineHandler([this](QByteArrayView line) {
          if (line.trimmed().isEmpty()) {
              ++m_blank;
              return;
          }
          m_onRecord(line);
      }),
      m_onRecord(std::move(onRecord))
{ }

bool NdjsonParser::feed(QByteArrayView bytes)
{
    return m_lines.feed(bytes, m_lineHandler);
}

bool NdjsonParser::finish()
{
    return m_lines.finish(m_lineHandler);
}

} // namespace cairn::llm
