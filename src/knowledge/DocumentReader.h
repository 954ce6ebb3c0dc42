#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <atomic>
#include <functional>

namespace cairn::knowledge {

enum class DocumentKind { Text, Markdown, Html, Csv, Code, Pdf, Docx, Unsupported };

// What a file is, from its name and first bytes (content wins: a binary file called .txt is not
// text, and is reported as such when read).
DocumentKind kindOf(const QString &fileName, const QByteArray &head);
QString kindName(DocumentKind kind);

// Reads a text-like document (plain text, Markdown, CSV, source code, HTML) as plain text, in pieces
// of bounded size, so a very large file never sits in memory whole. The encoding is UTF-8 (with or
// without a byte-order mark), UTF-16 with a byte-order mark, or Latin-1 when the start of the file is
// not valid UTF-8. HTML loses its markup, scripts and styles; its entities are decoded.
//
// Clear errors, nothing read: an empty file, binary data, a file that cannot be opened, an HTML file
// over kMaxHtmlBytes, a kind that is not text. `sink` gets each piece and returns false to stop
// (then the result is Cancelled); so does `cancel` when set. Returns the characters delivered.
Result<qint64> readText(const QString &path, DocumentKind kind, const std::function<bool(QStringView)> &sink,
    const std::atomic<bool> *cancel = nullptr);

// HTML to text (also used by readText).
QString htmlToText(const QString &html);

inline constexpr qint64 kMaxHtmlBytes = 32 * 1024 * 1024;

} // namespace cairn::knowledge
