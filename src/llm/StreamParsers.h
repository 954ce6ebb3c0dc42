#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace cairn::llm {

// Splits a byte stream into lines ending in LF, CRLF or CR, whatever the chunking: a CR at the end
// of one chunk and an LF at the start of the next are one line end. Lines are raw bytes, so a
// chunk boundary inside a UTF-8 sequence is harmless. A line longer than maxLineBytes is an error
// (the buffer never grows beyond it).
class LineSplitter
{
public:
    using LineHandler = std::function<void(QByteArrayView line)>;

    explicit LineSplitter(qint64 maxLineBytes = 8 * 1024 * 1024) : m_maxLineBytes(maxLineBytes) { }

    // Returns false once the stream is broken (see error()); later calls do nothing.
    bool feed(QByteArrayView bytes, const LineHandler &onLine);
    // End of stream: a last line without a line end is still delivered.
    bool finish(const LineHandler &onLine);
    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    qint64 bytesSeen() const { return m_bytesSeen; }
    // Called from a line handler to break the stream: feed() stops at once and returns false.
    void abort(const QString &error);

private:
    QByteArray m_partial;
    qint64 m_maxLineBytes;
    qint64 m_bytesSeen = 0;
    bool m_skipLf = false; // the previous chunk ended in CR
    QString m_error;
};

// Server-sent events (the WHATWG event-stream format): "event:", "data:" (several are joined with
// LF), "id:", comments (":" lines, e.g. keep-alives) and blank lines that dispatch an event.
struct SseEvent {
    QByteArray event; // empty: "message"
    QByteArray data;
    QByteArray id;
};

class SseParser
{
public:
    using EventHandler = std::function<void(const SseEvent &)>;

    // maxLineBytes bounds one line and also one event's data (many "data:" lines joined).
    explicit SseParser(EventHandler onEvent, qint64 maxLineBytes = 8 * 1024 * 1024);
    SseParser(const SseParser &) = delete; // the line handler captures this
    SseParser &operator=(const SseParser &) = delete;
    bool feed(QByteArrayView bytes);
    // End of stream: dispatches a last event even when the final blank line is missing.
    bool finish();
    bool failed() const { return m_lines.failed(); }
    QString error() const { return m_lines.error(); }
    qint64 commentCount() const { return m_comments; }
    qint64 eventCount() const { return m_events; }

private:
    void onLine(QByteArrayView line);
    void dispatch();

    LineSplitter m_lines;
    LineSplitter::LineHandler m_lineHandler;
    EventHandler m_onEvent;
    SseEvent m_pending;
    qint64 m_maxEventBytes;
    bool m_hasData = false;
    qint64 m_comments = 0;
    qint64 m_events = 0;
};

// Newline-delimited JSON (Ollama): one JSON value a line; blank lines are skipped.
class NdjsonParser
{
public:
    using RecordHandler = std::function<void(QByteArrayView json)>;

    explicit NdjsonParser(RecordHandler onRecord, qint64 maxLineBytes = 8 * 1024 * 1024);
    NdjsonParser(const NdjsonParser &) = delete; // the line handler captures this
    NdjsonParser &operator=(const NdjsonParser &) = delete;
    bool feed(QByteArrayView bytes);
    bool finish();
    bool failed() const { return m_lines.failed(); }
    QString error() const { return m_lines.error(); }
    qint64 blankLineCount() const { return m_blank; }

private:
    LineSplitter m_lines;
    LineSplitter::LineHandler m_lineHandler;
    RecordHandler m_onRecord;
    qint64 m_blank = 0;
};

} // namespace cairn::llm
