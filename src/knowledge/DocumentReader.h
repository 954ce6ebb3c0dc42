#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QIODevice>
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

// Reads a document as plain text, in pieces of bounded size, so a very large text file never sits
// in memory whole.
// - Text, Markdown, CSV, source code: UTF-8 (with or without a byte-order mark), UTF-16 with a
//   byte-order mark, or Latin-1 when the start of the file is not valid UTF-8.
// - HTML loses its markup, scripts and styles; its entities are decoded (kMaxHtmlBytes at most).
// - PDF (poppler): the text of each page, in order (kMaxPdfBytes at most). Encrypted or damaged
//   files and scans without text are refused with the reason.
// - Word (.docx, libzip): the paragraphs of the main document. The archive (kMaxDocxBytes) and the
//   unpacked text (kMaxDocxXmlBytes, and at most kMaxDocxRatio times its packed size) are limited,
//   counting the bytes actually unpacked, so a zip bomb stops early with an error.
//
// Clear errors, naming the file: empty, binary data, unreadable, too large, not a supported kind.
// `sink` gets each piece and returns false to stop (then the result is Cancelled); so does `cancel`
// when set. Returns the characters delivered.
Result<qint64> readDocument(QIODevice &device, qint64 size, const QString &name, DocumentKind kind,
    const std::function<bool(QStringView)> &sink, const std::atomic<bool> *cancel = nullptr);
Result<qint64> readDocument(const QString &path, DocumentKind kind,
    const std::function<bool(QStringView)> &sink, const std::atomic<bool> *cancel = nullptr);

// HTML to text (also used by readText).
QString htmlToText(const QString &html);

inline constexpr qint64 kMaxHtmlBytes = 32 * 1024 * 1024;
inline constexpr qint64 kMaxPdfBytes = 256 * 1024 * 1024;
inline constexpr qint64 kMaxDocxBytes = 64 * 1024 * 1024;
inline constexpr qint64 kMaxDocxXmlBytes = 256 * 1024 * 1024;
inline constexpr qint64 kMaxDocxRatio = 100;
// Text read from one document at most (a PDF's compressed pages can unpack to far more than its size).
inline constexpr qint64 kMaxDocumentChars = 512LL * 1000 * 1000;

} // namespace cairn::knowledge
