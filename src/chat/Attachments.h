#pragma once

#include "common/Result.h"
#include "storage/ChatRepository.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace cairn {

// A file the user attaches to a message: a path on disk (read on the chat worker), or bytes that
// were pasted (an image from the clipboard).
struct AttachmentInput {
    QString name;
    QString path; // empty: data holds the bytes
    QByteArray data;
};

namespace Attachments {

// Text files are inlined into the context, so they stay modest; images go to vision models as they
// are (OpenAI and Anthropic take up to about 20 MB and 5 MB an image).
inline constexpr qint64 kMaxTextBytes = 1024 * 1024;
inline constexpr qint64 kMaxImageBytes = 20 * 1024 * 1024;
inline constexpr int kMaxPerMessage = 10;

// "text" or "image" for a file of that name starting with these bytes, or an error that says why
// it cannot be attached (a binary file, an image format models do not read, too large).
Result<QString> classify(const QString &name, const QByteArray &head, qint64 size);
// Reads and checks one attachment; the id is the SHA-256 of its bytes.
Result<AttachmentData> load(const AttachmentInput &input);
// The user's text followed by the text files, each marked with its name, as sent to the model.
QString withTextFiles(const QString &text, const QList<AttachmentData> &files);
// "12 KB", "1.4 MB".
QString sizeText(qint64 bytes);

} // namespace Attachments
} // namespace cairn

Q_DECLARE_METATYPE(cairn::AttachmentInput)
