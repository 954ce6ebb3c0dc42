#pragma once

// Documents made on the fly for knowledge-base tests: real PDF and .docx files (no binary fixtures
// in the repository), good and bad.

#include <QByteArray>
#include <QStringList>

namespace cairn::test {

// A PDF with one page per entry; each line of an entry is a line of text on the page (Helvetica).
// encrypted: the file carries a standard security handler whose user password is not empty.
QByteArray makePdf(const QStringList &pages, bool encrypted = false);

// A Word document whose body has one paragraph per entry.
QByteArray makeDocx(const QStringList &paragraphs);

// A .docx whose word/document.xml unpacks to `unpackedBytes` of markup from a tiny archive.
QByteArray makeZipBombDocx(qint64 unpackedBytes);

} // namespace cairn::test
