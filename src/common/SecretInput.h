#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace cairn {

// Reads a passphrase for scripted use: from a file or from an inherited file descriptor, never from
// the command line. The first line is the passphrase (a trailing CR/LF is dropped).
class SecretInput
{
public:
    static Result<QByteArray> fromFile(const QString &path);
    static Result<QByteArray> fromFileDescriptor(int fd);
    static Result<QByteArray> firstLine(const QByteArray &raw, const QString &origin);
};

} // namespace cairn
