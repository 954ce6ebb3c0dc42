#include "common/TextEncoding.h"

#include <QStringDecoder>

namespace cairn {

bool isValidUtf8(const QByteArray &bytes, bool complete)
{
    QByteArrayView sample(bytes);
    if (!complete) {
        const qsizetype size = sample.size();
        for (int back = 1; back <= 3 && size - back >= 0; ++back) {
            const auto c = static_cast<unsigned char>(sample.at(size - back));
            if ((c & 0xC0) == 0xC0) { // a lead byte: is its sequence complete?
                const int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                if (back < need)
                    sample = sample.first(size - back);
                break;
            }
            if ((c & 0x80) == 0)
                break;
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    const QString decoded = decoder.decode(sample); // the conversion runs when assigned
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

} // namespace cairn
