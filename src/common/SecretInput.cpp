#include "common/SecretInput.h"

#include <QCoreApplication>
#include <QFile>

namespace cairn {

namespace {
constexpr qint64 kMaxSecretFile = 64LL * 1024;
}

Result<QByteArray> SecretInput::firstLine(const QByteArray &raw, const QString &origin)
{
    QByteArray line = raw;
    const qsizetype nl = line.indexOf('\n');
    if (nl >= 0)
        line.truncate(nl);
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::SecretInput", "The passphrase in %1 is empty.").arg(origin));
    if (QString::fromUtf8(line).toUtf8() != line)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::SecretInput", "The passphrase in %1 is not valid UTF-8 text.")
                .arg(origin));
    return line;
}

Result<QByteArray> SecretInput::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io,
            QCoreApplication::translate("cairn::SecretInput", "Cannot read the passphrase file %1: %2")
                .arg(path, f.errorString()));
    const QByteArray raw = f.read(kMaxSecretFile);
    return firstLine(raw, path);
}

Result<QByteArray> SecretInput::fromFileDescriptor(int fd)
{
    QFile f;
    const QString origin = QCoreApplication::translate("cairn::SecretInput", "file descriptor %1").arg(fd);
    if (fd < 0 || !f.open(fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return Error::make(ErrorCode::Io,
            QCoreApplication::translate("cairn::SecretInput", "Cannot read the passphrase from %1.")
                .arg(origin));
    QByteArray raw;
    while (raw.size() < kMaxSecretFile && !raw.contains('\n')) {
        const QByteArray chunk = f.read(4096);
        if (chunk.isEmpty())
            break;
        raw += chunk;
    }
    return firstLine(raw, origin);
}

} // namespace cairn
