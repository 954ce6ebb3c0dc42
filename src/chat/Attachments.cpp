#include "chat/Attachments.h"

#include "common/TextEncoding.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>

namespace cairn::Attachments {

namespace {

bool isModelImage(const QString &mime)
{
    return mime == QStringLiteral("image/png") || mime == QStringLiteral("image/jpeg")
        || mime == QStringLiteral("image/gif") || mime == QStringLiteral("image/webp");
}

// Text if it decodes as UTF-8 with no NUL bytes (a cut at the end of the sample is fine).
bool looksLikeText(const QByteArray &head, bool complete)
{
    return !head.contains('\0') && isValidUtf8(head, complete);
}

} // namespace

Result<QString> classify(const QString &name, const QByteArray &head, qint64 size)
{
    // What the bytes are, not what the name says: a text file called ".png" is text, and an image
    // must really be one of the formats models read.
    const QMimeDatabase mimes;
    const QMimeType mime = mimes.mimeTypeForData(head);
    if (isModelImage(mime.name())) {
        if (size > kMaxImageBytes)
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate(
                    "cairn::Attachments", "\u201c%1\u201d is %2; images can be up to %3.")
                    .arg(name, sizeText(size), sizeText(kMaxImageBytes)));
        return QStringLiteral("image");
    }
    if (mime.name().startsWith(QStringLiteral("image/")) && !mime.inherits(QStringLiteral("text/plain")))
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::Attachments",
                "\u201c%1\u201d is an image models do not read (%2). Attach PNG, JPEG, GIF or WebP.")
                .arg(name, mime.name()));
    if (looksLikeText(head, head.size() >= size)) {
        if (size > kMaxTextBytes)
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate("cairn::Attachments",
                    "\u201c%1\u201d is %2; text files can be up to %3. Add large documents to a knowledge "
                    "base instead.")
                    .arg(name, sizeText(size), sizeText(kMaxTextBytes)));
        return QStringLiteral("text");
    }
    return Error::make(ErrorCode::InvalidArgument,
        QCoreApplication::translate("cairn::Attachments",
            "\u201c%1\u201d is neither a text file nor an image (%2). Cairn attaches text files and images.")
            .arg(name, mime.name()));
}

Result<AttachmentData> load(const AttachmentInput &input)
{
    AttachmentData out;
    out.ref.name = input.name.isEmpty() ? QFileInfo(input.path).fileName() : input.name;
    QByteArray data;
    if (!input.path.isEmpty()) {
        QFile file(input.path);
        if (!file.open(QIODevice::ReadOnly))
            return Error::make(ErrorCode::Io,
                QCoreApplication::translate("cairn::Attachments", "Could not read \u201c%1\u201d: %2")
                    .arg(out.ref.name, file.errorString()));
        const qint64 size = file.size();
        Result<QString> kind = classify(out.ref.name, file.peek(4096), size);
        if (!kind)
            return kind.error();
        data = file.readAll();
        if (file.error() != QFileDevice::NoError || data.size() != size)
            return Error::make(ErrorCode::Io,
                QCoreApplication::translate("cairn::Attachments", "Could not read \u201c%1\u201d: %2")
                    .arg(out.ref.name, file.errorString()));
        out.ref.kind = kind.value();
    } else {
        data = input.data;
    }
    Result<QString> kind = classify(out.ref.name, data, data.size()); // the whole file this time
    if (!kind)
        return kind.error();
    out.ref.kind = kind.value();
    out.ref.mime = out.ref.kind == QStringLiteral("image")
        ? QMimeDatabase().mimeTypeForData(data).name()
        : QMimeDatabase().mimeTypeForFileNameAndData(out.ref.name, data).name();
    out.ref.size = data.size();
    out.ref.id = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    out.data = data;
    if (out.data.isNull())
        out.data = QByteArray(""); // an empty file is still a file (null data means "stored already")
    return out;
}

QString withTextFiles(const QString &text, const QList<AttachmentData> &files)
{
    QString out = text;
    for (const AttachmentData &f : files) {
        if (f.ref.kind != QStringLiteral("text"))
            continue;
        if (!out.isEmpty())
            out += QStringLiteral("\n\n");
        QString name = f.ref.name;
        name.replace(QLatin1Char('"'), QLatin1Char('\''));
        out += QStringLiteral("<file name=\"%1\">\n%2\n</file>").arg(name, QString::fromUtf8(f.data));
    }
    return out;
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace cairn::Attachments
