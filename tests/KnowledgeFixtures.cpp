#include "KnowledgeFixtures.h"

#include <QCryptographicHash>
#include <QList>

#include <zip.h>

namespace cairn::test {

namespace {

QByteArray pdfString(const QString &line)
{
    QByteArray s = line.toLatin1();
    s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    return '(' + s + ')';
}

// Bytes into a zip archive held in memory; returns the archive.
QByteArray zipFiles(const QList<QPair<QByteArray, QByteArray>> &files)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t *archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    zip_source_keep(buffer);
    for (const auto &[name, data] : files) {
        // libzip reads the data when the archive is closed: give it copies that live until then.
        void *copy = malloc(size_t(data.size()));
        memcpy(copy, data.constData(), size_t(data.size()));
        zip_source_t *src = zip_source_buffer(archive, copy, zip_uint64_t(data.size()), 1);
        const zip_int64_t index = zip_file_add(archive, name.constData(), src, ZIP_FL_OVERWRITE);
        zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_DEFLATE, 9);
    }
    zip_close(archive);
    QByteArray out;
    zip_source_open(buffer);
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    out.resize(qsizetype(size));
    zip_source_read(buffer, out.data(), zip_uint64_t(size));
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return out;
}

const QByteArray kContentTypes = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)";
const QByteArray kRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)";
const QByteArray kDocumentStart = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)";
const QByteArray kDocumentEnd = "</w:body></w:document>";

} // namespace

QByteArray makePdf(const QStringList &pages, bool encrypted)
{
    QList<QByteArray> objects; // 1-based object numbers
    const int pageCount = int(pages.size());
    // 1 catalog, 2 pages, 3 font, then per page: page object and content stream.
    objects.append("<< /Type /Catalog /Pages 2 0 R >>");
    QByteArray kids;
    for (int i = 0; i < pageCount; ++i)
        kids += QByteArray::number(4 + 2 * i) + " 0 R ";
    objects.append("<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(pageCount) + " >>");
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for (int i = 0; i < pageCount; ++i) {
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "
            + QByteArray::number(5 + 2 * i) + " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
        QByteArray text = "BT /F1 12 Tf 14 TL 72 720 Td\n";
        for (const QString &line : pages.at(i).split(u'\n'))
            text += pdfString(line) + " Tj T*\n";
        text += "ET\n";
        objects.append(
            "<< /Length " + QByteArray::number(text.size()) + " >>\nstream\n" + text + "endstream");
    }
    if (encrypted)
        objects.append("<< /Filter /Standard /V 1 /R 2 /P -44 /O <"
            + QCryptographicHash::hash("owner", QCryptographicHash::Sha256).toHex() + "> /U <"
            + QCryptographicHash::hash("user", QCryptographicHash::Sha256).toHex() + "> >>");
    QByteArray pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    QList<qsizetype> offsets;
    for (int i = 0; i < objects.size(); ++i) {
        offsets.append(pdf.size());
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects.at(i) + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const qsizetype o : offsets)
        pdf += QByteArray::number(o).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R";
    if (encrypted)
        pdf += " /Encrypt " + QByteArray::number(objects.size())
            + " 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]";
    pdf += " >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

QByteArray makeDocx(const QStringList &paragraphs)
{
    QByteArray body;
    for (const QString &p : paragraphs) {
        QString escaped = p.toHtmlEscaped();
        body += "<w:p><w:r><w:t xml:space=\"preserve\">" + escaped.toUtf8() + "</w:t></w:r></w:p>";
    }
    return zipFiles({{"[Content_Types].xml", kContentTypes}, {"_rels/.rels", kRels},
        {"word/document.xml", kDocumentStart + body + kDocumentEnd}});
}

QByteArray makeZipBombDocx(qint64 unpackedBytes)
{
    QByteArray body;
    body.reserve(unpackedBytes);
    body += kDocumentStart;
    const QByteArray para = "<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>";
    while (body.size() + para.size() + kDocumentEnd.size() < unpackedBytes)
        body += para;
    body += kDocumentEnd;
    return zipFiles(
        {{"[Content_Types].xml", kContentTypes}, {"_rels/.rels", kRels}, {"word/document.xml", body}});
}

} // namespace cairn::test
