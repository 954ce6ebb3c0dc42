#pragma once

#include <QByteArray>

namespace cairn {

// Whether bytes are valid UTF-8. With complete false they are the start of something longer, and a
// multi-byte sequence cut at their end does not count against them.
bool isValidUtf8(const QByteArray &bytes, bool complete = true);

} // namespace cairn
