#include "chat/ChatTransfer.h"

#include "chat/Attachments.h"
#include "chat/MessageTree.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <cmath>

namespace cairn::ChatTransfer {

namespace {

constexpr int kSchemaVersion = 1;
constexpr qsizetype kMaxMessagesPerChat = 1'000'000;
const QString kFormatTag = QStringLiteral("cairn-chats");

Error invalid(const QString &message)
{
    return Error::make(ErrorCode::InvalidArgument, message);
}

QString chatLabel(int index, const QString &title)
{
    return title.isEmpty() ? QCoreApplication::translate("cairn::ChatTransfer", "chat %1").arg(index + 1)
                           : QCoreApplication::translate("cairn::ChatTransfer", "chat %1 (\u201c%2\u201d)")
                                 .arg(index + 1)
                                 .arg(title.left(60));
}

// Seconds or milliseconds (numbers or numeric strings) or ISO-8601 text, as milliseconds.
// Open WebUI mixes units (chat.timestamp in ms, the rest in s), so the size decides: anything
// below 10^11 is seconds (10^11 s is the year 5138; 10^11 ms is 1973).
qint64 toMs(const QJsonValue &v, qint64 fallback = 0)
{
    double d = 0;
    if (v.isDouble()) {
        d = v.toDouble();
    } else if (v.isString()) {
        bool ok = false;
        d = v.toString().toDouble(&ok);
        if (!ok) {
            const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
            return t.isValid() ? t.toMSecsSinceEpoch() : fallback;
        }
    } else {
        return fallback;
    }
    if (!std::isfinite(d) || d <= 0 || d > 1e15)
        return fallback;
    return d >= 1e11 ? static_cast<qint64>(d) : static_cast<qint64>(std::llround(d * 1000.0));
}

bool validRole(const QString &role)
{
    return role == QStringLiteral("user") || role == QStringLiteral("assistant")
        || role == QStringLiteral("system") || role == QStringLiteral("tool");
}

QString textOf(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    if (content.isArray()) { // OpenAI-style parts
        QStringList parts;
        for (const QJsonValue &p : content.toArray()) {
            if (p.isString())
                parts.append(p.toString());
            else if (p.toObject().value(QStringLiteral("type")).toString() == QStringLiteral("text"))
                parts.append(p.toObject().value(QStringLiteral("text")).toString());
        }
        return parts.join(QLatin1Char('\n'));
    }
    return {};
}

std::optional<qint64> optInt(const QJsonValue &v)
{
    if (v.isDouble() && std::isfinite(v.toDouble()))
        return static_cast<qint64>(v.toDouble());
    return std::nullopt;
}

QString sha256Key(const QString &prefix, const QJsonValue &v)
{
    const QByteArray bytes = v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                          : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    return prefix
        + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(32));
}

// Orders messages parents-first; a parent that is missing makes a root. A cycle is an error.
Result<QList<MessageRecord>> parentsFirst(QList<MessageRecord> messages, const QString &label)
{
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (messages[i].id.isEmpty())
            return invalid(
                QCoreApplication::translate("cairn::ChatTransfer", "In %1, a message has no id.").arg(label));
        if (index.contains(messages[i].id))
            return invalid(QCoreApplication::translate(
                "cairn::ChatTransfer", "In %1, the message id \u201c%2\u201d appears twice.")
                               .arg(label, messages[i].id));
        index.insert(messages[i].id, i);
    }
    for (MessageRecord &m : messages) {
        if (!index.contains(m.parentId))
            m.parentId.clear();
    }
    QList<MessageRecord> out;
    out.reserve(messages.size());
    QList<int> state(messages.size(), 0); // 0 new, 1 on the chain being walked, 2 placed
    for (qsizetype start = 0; start < messages.size(); ++start) {
        QList<qsizetype> chain;
        qsizetype at = start;
        while (state[at] != 2) {
            if (state[at] == 1)
                return invalid(QCoreApplication::translate(
                    "cairn::ChatTransfer", "In %1, the messages' parent links form a loop.")
                                   .arg(label));
            state[at] = 1;
            chain.append(at);
            if (messages[at].parentId.isEmpty())
                break;
            at = index.value(messages[at].parentId);
        }
        for (auto it = chain.crbegin(); it != chain.crend(); ++it) {
            state[*it] = 2;
            out.append(messages[*it]);
        }
    }
    return out;
}

// ---- our JSON ----------------------------------------------------------------------------------

// Our own files hold milliseconds; no guessing.
qint64 msOf(const QJsonValue &v, qint64 fallback = 0)
{
    return v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() > 0 ? static_cast<qint64>(v.toDouble())
                                                                           : fallback;
}

Result<QList<ImportedChat>> parseCairn(const QJsonObject &root)
{
    const int version = root.value(QStringLiteral("version")).toInt(0);
    if (version < 1 || version > kSchemaVersion)
        return invalid(QCoreApplication::translate("cairn::ChatTransfer",
            "This file has chat format version %1; this Cairn reads version %2. Update Cairn to import it.")
                           .arg(version)
                           .arg(kSchemaVersion));
    const QJsonValue chats = root.value(QStringLiteral("chats"));
    if (!chats.isArray())
        return invalid(QCoreApplication::translate("cairn::ChatTransfer",
            "The file has no \u201c"
            "chats\u201d list."));
    QList<ImportedChat> out;
    const QJsonArray list = chats.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        ImportedChat ic;
        ChatRecord &c = ic.chat;
        c.id = o.value(QStringLiteral("id")).toString();
        c.title = o.value(QStringLiteral("title")).toString();
        const QString label = chatLabel(i, c.title);
        if (c.id.isEmpty())
            return invalid(QCoreApplication::translate("cairn::ChatTransfer", "%1 has no id.").arg(label));
        c.model = o.value(QStringLiteral("model")).toString();
        c.systemPrompt = o.value(QStringLiteral("system_prompt")).toString();
        c.params = o.value(QStringLiteral("params")).toObject();
        c.pinned = o.value(QStringLiteral("pinned")).toBool();
        c.archived = o.value(QStringLiteral("archived")).toBool();
        c.meta = o.value(QStringLiteral("meta")).toObject();
        c.createdAt = msOf(o.value(QStringLiteral("created_at")));
        c.updatedAt = msOf(o.value(QStringLiteral("updated_at")), c.createdAt);
        c.sourceKey = o.value(QStringLiteral("source_key")).toString();
        if (c.sourceKey.isEmpty())
            c.sourceKey = QStringLiteral("cairn:") + c.id;
        for (const QJsonValue &t : o.value(QStringLiteral("tags")).toArray())
            c.tags.append(t.toString());
        ic.folderPath = o.value(QStringLiteral("folder")).toString();
        ic.currentId = o.value(QStringLiteral("current_message_id")).toString();
        const QJsonArray messages = o.value(QStringLiteral("messages")).toArray();
        if (messages.size() > kMaxMessagesPerChat)
            return invalid(
                QCoreApplication::translate("cairn::ChatTransfer", "%1 has too many messages.").arg(label));
        const QJsonObject files = o.value(QStringLiteral("files")).toObject();
        QHash<QString, QPair<QString, QString>> fileKinds; // id -> kind, mime, as checked
        for (const QJsonValue &v : messages) {
            const QJsonObject mo = v.toObject();
            MessageRecord m;
            m.id = mo.value(QStringLiteral("id")).toString();
            m.parentId = mo.value(QStringLiteral("parent_id")).toString();
            m.role = mo.value(QStringLiteral("role")).toString();
            if (!validRole(m.role))
                return invalid(QCoreApplication::translate(
                    "cairn::ChatTransfer", "In %1, a message has the unknown role \u201c%2\u201d.")
                                   .arg(label, m.role.left(40)));
            m.content = mo.value(QStringLiteral("content")).toString();
            m.reasoning = mo.value(QStringLiteral("reasoning")).toString();
            m.model = mo.value(QStringLiteral("model")).toString();
            m.status = mo.value(QStringLiteral("status")).toString(QStringLiteral("done"));
            static const QStringList statuses {QStringLiteral("done"), QStringLiteral("streaming"),
                QStringLiteral("stopped"), QStringLiteral("error"), QStringLiteral("interrupted")};
            if (!statuses.contains(m.status))
                m.status = QStringLiteral("done");
            if (m.status == QStringLiteral("streaming"))
                m.status = QStringLiteral("interrupted");
            m.error = mo.value(QStringLiteral("error")).toString();
            m.finishReason = mo.value(QStringLiteral("finish_reason")).toString();
            m.promptTokens = optInt(mo.value(QStringLiteral("prompt_tokens")));
            m.completionTokens = optInt(mo.value(QStringLiteral("completion_tokens")));
            m.firstTokenMs = optInt(mo.value(QStringLiteral("first_token_ms")));
            m.latencyMs = optInt(mo.value(QStringLiteral("latency_ms")));
            if (mo.value(QStringLiteral("cost")).isDouble())
                m.cost = mo.value(QStringLiteral("cost")).toDouble();
            m.rating = std::clamp(mo.value(QStringLiteral("rating")).toInt(), -1, 1);
            m.ratingComment = mo.value(QStringLiteral("rating_comment")).toString();
            m.meta = mo.value(QStringLiteral("meta")).toObject();
            m.createdAt = msOf(mo.value(QStringLiteral("created_at")), c.createdAt);
            m.updatedAt = msOf(mo.value(QStringLiteral("updated_at")), m.createdAt);
            const QJsonArray attachments = mo.value(QStringLiteral("attachments")).toArray();
            if (!attachments.isEmpty()
                && (m.role != QStringLiteral("user") || attachments.size() > Attachments::kMaxPerMessage))
                return invalid(QCoreApplication::translate("cairn::ChatTransfer",
                    "In %1, a message carries files it cannot have (only your own messages carry files, up "
                    "to %2 each).")
                                   .arg(label)
                                   .arg(Attachments::kMaxPerMessage));
            for (const QJsonValue &av : attachments) {
                const QJsonObject ao = av.toObject();
                AttachmentRef ref;
                ref.id = ao.value(QStringLiteral("sha256")).toString();
                // Only a file name, never a path (it becomes the suggested name when saving).
                ref.name = QFileInfo(ao.value(QStringLiteral("name")).toString()).fileName();
                if (!ic.files.contains(ref.id)) {
                    // Each file is decoded, checked against its checksum and classified once.
                    const QByteArray data = QByteArray::fromBase64(files.value(ref.id).toString().toLatin1());
                    const QString sha = QString::fromLatin1(
                        QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
                    if (!files.contains(ref.id) || sha != ref.id)
                        return invalid(QCoreApplication::translate("cairn::ChatTransfer",
                            "In %1, an attached file is missing or does not match its checksum.")
                                           .arg(label));
                    Result<AttachmentData> checked = Attachments::load({ref.name, {}, data});
                    if (!checked)
                        return invalid(QCoreApplication::translate("cairn::ChatTransfer", "In %1: %2")
                                           .arg(label, checked.error().message));
                    ic.files.insert(ref.id, checked->data);
                    fileKinds.insert(ref.id, {checked->ref.kind, checked->ref.mime});
                }
                if (ref.name.isEmpty())
                    ref.name = QStringLiteral("file");
                ref.kind = fileKinds.value(ref.id).first;
                ref.mime = fileKinds.value(ref.id).second;
                ref.size = ic.files.value(ref.id).size();
                m.attachments.append(ref);
            }
            ic.messages.append(m);
        }
        Result<QList<MessageRecord>> ordered = parentsFirst(ic.messages, label);
        if (!ordered)
            return ordered.error();
        ic.messages = ordered.value();
        out.append(ic);
    }
    return out;
}

// ---- Open WebUI --------------------------------------------------------------------------------

Result<ImportedChat> parseOpenWebUiChat(const QJsonObject &row, int i)
{
    const QJsonObject chat = row.value(QStringLiteral("chat")).toObject();
    ImportedChat ic;
    ChatRecord &c = ic.chat;
    c.title = row.value(QStringLiteral("title")).toString(chat.value(QStringLiteral("title")).toString());
    const QString label = chatLabel(i, c.title);
    const QJsonObject history = chat.value(QStringLiteral("history")).toObject();
    const QJsonValue messagesValue = history.value(QStringLiteral("messages"));
    if (!messagesValue.isObject() && !chat.value(QStringLiteral("messages")).isArray())
        return invalid(QCoreApplication::translate(
            "cairn::ChatTransfer", "%1 has neither a message history nor a message list.")
                           .arg(label));
    const QString sourceId
        = row.value(QStringLiteral("id")).toString(chat.value(QStringLiteral("id")).toString());
    c.sourceKey = sourceId.isEmpty() ? sha256Key(QStringLiteral("openwebui:sha256:"), row)
                                     : QStringLiteral("openwebui:") + sourceId;
    // chat.timestamp is in milliseconds, created_at / updated_at in seconds; toMs tells them apart.
    c.createdAt
        = toMs(row.value(QStringLiteral("created_at")), toMs(chat.value(QStringLiteral("timestamp"))));
    c.updatedAt = toMs(row.value(QStringLiteral("updated_at")), c.createdAt);
    if (c.createdAt == 0)
        c.createdAt = c.updatedAt;
    c.pinned = row.value(QStringLiteral("pinned")).toBool();
    c.archived = row.value(QStringLiteral("archived")).toBool();
    const QJsonArray models = chat.value(QStringLiteral("models")).toArray();
    if (!models.isEmpty())
        c.model = models.first().toString();
    c.systemPrompt
        = chat.value(QStringLiteral("system"))
              .toString(
                  chat.value(QStringLiteral("params")).toObject().value(QStringLiteral("system")).toString());
    c.params = chat.value(QStringLiteral("params")).toObject();
    c.params.remove(QStringLiteral("system"));
    QJsonArray tags = row.value(QStringLiteral("meta")).toObject().value(QStringLiteral("tags")).toArray();
    if (tags.isEmpty())
        tags = chat.value(QStringLiteral("tags")).toArray();
    for (const QJsonValue &t : tags) {
        const QString name
            = t.isObject() ? t.toObject().value(QStringLiteral("name")).toString() : t.toString();
        if (!name.trimmed().isEmpty())
            c.tags.append(name);
    }
    if (row.value(QStringLiteral("folder_id")).isString())
        c.meta.insert(QStringLiteral("openwebui_folder_id"), row.value(QStringLiteral("folder_id")));
    c.meta.insert(QStringLiteral("imported_from"), QStringLiteral("openwebui"));

    const auto toMessage = [&](const QJsonObject &mo, const QString &fallbackParent) {
        MessageRecord m;
        m.id = mo.value(QStringLiteral("id")).toString();
        m.parentId = mo.contains(QStringLiteral("parentId")) ? mo.value(QStringLiteral("parentId")).toString()
                                                             : fallbackParent;
        m.role = mo.value(QStringLiteral("role")).toString();
        m.content = textOf(mo.value(QStringLiteral("content")));
        m.model = mo.value(QStringLiteral("model")).toString();
        m.createdAt = toMs(mo.value(QStringLiteral("timestamp")), c.createdAt);
        const QJsonObject usage = mo.value(QStringLiteral("usage")).toObject();
        m.promptTokens = optInt(usage.value(QStringLiteral("prompt_tokens")));
        m.completionTokens = optInt(usage.value(QStringLiteral("completion_tokens")));
        const QJsonObject info = mo.value(QStringLiteral("info")).toObject();
        if (!m.promptTokens)
            m.promptTokens = optInt(info.value(QStringLiteral("prompt_eval_count")));
        if (!m.completionTokens)
            m.completionTokens = optInt(info.value(QStringLiteral("eval_count")));
        const QJsonObject annotation = mo.value(QStringLiteral("annotation")).toObject();
        m.rating = std::clamp(annotation.value(QStringLiteral("rating")).toInt(), -1, 1);
        m.ratingComment = annotation.value(QStringLiteral("comment")).toString();
        if (mo.value(QStringLiteral("error")).isObject() || mo.value(QStringLiteral("error")).isString()) {
            m.status = QStringLiteral("error");
            m.error = mo.value(QStringLiteral("error")).isString()
                ? mo.value(QStringLiteral("error")).toString()
                : mo.value(QStringLiteral("error")).toObject().value(QStringLiteral("content")).toString();
        }
        if (mo.contains(QStringLiteral("modelName")))
            m.meta.insert(QStringLiteral("model_name"), mo.value(QStringLiteral("modelName")));
        // Images pasted into Open WebUI travel inline as data: URLs; they become attachments.
        // Files whose bytes stayed on the Open WebUI server are named in the message's meta.
        QJsonArray elsewhere;
        for (const QJsonValue &fv : mo.value(QStringLiteral("files")).toArray()) {
            const QJsonObject f = fv.toObject();
            const QString url = f.value(QStringLiteral("url")).toString();
            const QString name = f.value(QStringLiteral("name")).toString();
            if (m.role == QStringLiteral("user") && url.startsWith(QStringLiteral("data:"))
                && url.contains(QStringLiteral(";base64,"))
                && m.attachments.size() < Attachments::kMaxPerMessage) {
                const QByteArray data = QByteArray::fromBase64(url.section(QLatin1Char(','), 1).toLatin1());
                Result<AttachmentData> a = Attachments::load(
                    {name.isEmpty() ? QStringLiteral("image-%1").arg(m.attachments.size() + 1)
                                    : QFileInfo(name).fileName(),
                        {}, data});
                if (a) {
                    ic.files.insert(a->ref.id, a->data);
                    m.attachments.append(a->ref);
                    continue;
                }
            }
            elsewhere.append(name.isEmpty() ? f.value(QStringLiteral("type")).toString() : name);
        }
        if (!elsewhere.isEmpty())
            m.meta.insert(QStringLiteral("openwebui_files"), elsewhere);
        return m;
    };
    if (messagesValue.isObject()) {
        const QJsonObject all = messagesValue.toObject();
        if (all.size() > kMaxMessagesPerChat)
            return invalid(
                QCoreApplication::translate("cairn::ChatTransfer", "%1 has too many messages.").arg(label));
        for (auto it = all.begin(); it != all.end(); ++it) {
            QJsonObject mo = it.value().toObject();
            if (!mo.contains(QStringLiteral("id")))
                mo.insert(QStringLiteral("id"), it.key());
            ic.messages.append(toMessage(mo, {}));
        }
        ic.currentId = history.value(QStringLiteral("currentId")).toString();
    } else {
        // An old export with only the linear list: each message follows the one before.
        QString previous;
        for (const QJsonValue &v : chat.value(QStringLiteral("messages")).toArray()) {
            MessageRecord m = toMessage(v.toObject(), previous);
            previous = m.id;
            ic.messages.append(m);
        }
        ic.currentId = previous;
    }
    for (const MessageRecord &m : std::as_const(ic.messages)) {
        if (!validRole(m.role))
            return invalid(QCoreApplication::translate(
                "cairn::ChatTransfer", "In %1, a message has the unknown role \u201c%2\u201d.")
                               .arg(label, m.role.left(40)));
    }
    Result<QList<MessageRecord>> ordered = parentsFirst(ic.messages, label);
    if (!ordered)
        return ordered.error();
    ic.messages = ordered.value();
    return ic;
}

// ---- ChatGPT -----------------------------------------------------------------------------------

QString chatGptText(const QJsonObject &content, QString *reasoning)
{
    const QString type = content.value(QStringLiteral("content_type")).toString();
    if (type == QStringLiteral("thoughts")) {
        QStringList parts;
        for (const QJsonValue &t : content.value(QStringLiteral("thoughts")).toArray())
            parts.append(t.toObject().value(QStringLiteral("content")).toString());
        *reasoning = parts.join(QStringLiteral("\n\n"));
        return {};
    }
    if (content.contains(QStringLiteral("parts"))) {
        QStringList parts;
        for (const QJsonValue &p : content.value(QStringLiteral("parts")).toArray()) {
            if (p.isString())
                parts.append(p.toString());
            else if (p.isObject() && p.toObject().contains(QStringLiteral("asset_pointer")))
                parts.append(QCoreApplication::translate("cairn::ChatTransfer", "[image]"));
            else if (p.isObject() && p.toObject().value(QStringLiteral("text")).isString())
                parts.append(p.toObject().value(QStringLiteral("text")).toString());
        }
        return parts.join(QLatin1Char('\n'));
    }
    return content.value(QStringLiteral("text")).toString(content.value(QStringLiteral("result")).toString());
}

Result<ImportedChat> parseChatGptConversation(const QJsonObject &conv, int i)
{
    ImportedChat ic;
    ChatRecord &c = ic.chat;
    c.title = conv.value(QStringLiteral("title")).toString();
    const QString label = chatLabel(i, c.title);
    const QJsonValue mappingValue = conv.value(QStringLiteral("mapping"));
    if (!mappingValue.isObject())
        return invalid(
            QCoreApplication::translate("cairn::ChatTransfer", "%1 has no \u201cmapping\u201d of messages.")
                .arg(label));
    const QJsonObject mapping = mappingValue.toObject();
    if (mapping.size() > kMaxMessagesPerChat)
        return invalid(
            QCoreApplication::translate("cairn::ChatTransfer", "%1 has too many messages.").arg(label));
    const QString sourceId
        = conv.value(QStringLiteral("conversation_id")).toString(conv.value(QStringLiteral("id")).toString());
    c.sourceKey = sourceId.isEmpty() ? sha256Key(QStringLiteral("chatgpt:sha256:"), conv)
                                     : QStringLiteral("chatgpt:") + sourceId;
    c.createdAt = toMs(conv.value(QStringLiteral("create_time")));
    c.updatedAt = toMs(conv.value(QStringLiteral("update_time")), c.createdAt);
    c.archived = conv.value(QStringLiteral("is_archived")).toBool();
    c.model = conv.value(QStringLiteral("default_model_slug")).toString();
    c.meta.insert(QStringLiteral("imported_from"), QStringLiteral("chatgpt"));

    // Which nodes become messages: those with a visible message of a known role. The others are
    // skipped and their children hang from the nearest kept ancestor (rebuilt from parent links,
    // since newer exports leave out some child links).
    QHash<QString, QString> parentOf;
    QSet<QString> kept;
    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
        const QJsonObject node = it.value().toObject();
        const QString id = node.value(QStringLiteral("id")).toString(it.key());
        parentOf.insert(id, node.value(QStringLiteral("parent")).toString());
        const QJsonValue msgValue = node.value(QStringLiteral("message"));
        if (!msgValue.isObject())
            continue;
        const QJsonObject msg = msgValue.toObject();
        const QString role
            = msg.value(QStringLiteral("author")).toObject().value(QStringLiteral("role")).toString();
        const QJsonObject metadata = msg.value(QStringLiteral("metadata")).toObject();
        const QString contentType = msg.value(QStringLiteral("content"))
                                        .toObject()
                                        .value(QStringLiteral("content_type"))
                                        .toString();
        if (!validRole(role)
            || metadata.value(QStringLiteral("is_visually_hidden_from_conversation")).toBool()
            || contentType == QStringLiteral("reasoning_recap")) // "Thought for 7 seconds"
            continue;
        MessageRecord m;
        m.id = id;
        m.role = role;
        m.content = chatGptText(msg.value(QStringLiteral("content")).toObject(), &m.reasoning);
        if (m.content.isEmpty() && m.reasoning.isEmpty() && role != QStringLiteral("assistant"))
            continue; // empty system or tool scaffolding
        m.model = metadata.value(QStringLiteral("model_slug")).toString();
        m.createdAt = toMs(msg.value(QStringLiteral("create_time")), 0); // 0: set from the parent below
        if (msg.value(QStringLiteral("status")).toString() == QStringLiteral("in_progress"))
            m.status = QStringLiteral("interrupted");
        const QString finish = metadata.value(QStringLiteral("finish_details"))
                                   .toObject()
                                   .value(QStringLiteral("type"))
                                   .toString();
        if (!finish.isEmpty())
            m.finishReason = finish;
        kept.insert(id);
        ic.messages.append(m);
    }
    QHash<QString, QString> resolved; // node -> its nearest kept ancestor-or-self ("" for none)
    const auto nearestKept = [&](const QString &start) {
        QStringList walked;
        QSet<QString> seen;
        QString id = start;
        QString answer;
        while (!id.isEmpty() && !seen.contains(id)) {
            if (kept.contains(id)) {
                answer = id;
                break;
            }
            if (const auto hit = resolved.constFind(id); hit != resolved.constEnd()) {
                answer = *hit;
                break;
            }
            seen.insert(id);
            walked.append(id);
            id = parentOf.value(id);
        }
        for (const QString &w : std::as_const(walked))
            resolved.insert(w, answer);
        return answer;
    };
    for (MessageRecord &m : ic.messages)
        m.parentId = nearestKept(parentOf.value(m.id));
    ic.currentId = nearestKept(conv.value(QStringLiteral("current_node")).toString());
    Result<QList<MessageRecord>> ordered = parentsFirst(ic.messages, label);
    if (!ordered)
        return ordered.error();
    ic.messages = ordered.value();
    // A "thoughts" node is the thinking of the answer below it: it becomes that answer's reasoning
    // (parents come first, so a run of them folds into the answer one by one).
    {
        QHash<QString, QStringList> children;
        QHash<QString, qsizetype> at;
        for (qsizetype k = 0; k < ic.messages.size(); ++k) {
            children[ic.messages[k].parentId].append(ic.messages[k].id);
            at.insert(ic.messages[k].id, k);
        }
        QSet<QString> merged;
        for (qsizetype k = 0; k < ic.messages.size(); ++k) {
            const MessageRecord &t = ic.messages[k];
            const QStringList below = children.value(t.id);
            if (t.role != QStringLiteral("assistant") || !t.content.isEmpty() || t.reasoning.isEmpty()
                || below.size() != 1)
                continue;
            MessageRecord &answer = ic.messages[at.value(below.first())];
            if (answer.role != QStringLiteral("assistant"))
                continue;
            answer.reasoning = answer.reasoning.isEmpty()
                ? t.reasoning
                : t.reasoning + QStringLiteral("\n\n") + answer.reasoning;
            answer.parentId = t.parentId;
            children[t.parentId].replace(children[t.parentId].indexOf(t.id), answer.id);
            if (answer.createdAt == 0)
                answer.createdAt = t.createdAt;
            if (ic.currentId == t.id)
                ic.currentId = answer.id;
            merged.insert(t.id);
        }
        ic.messages.removeIf([&merged](const MessageRecord &m) { return merged.contains(m.id); });
    }
    // A message without a time follows its parent (parents come first now).
    QHash<QString, qint64> timeOf;
    for (MessageRecord &m : ic.messages) {
        if (m.createdAt == 0)
            m.createdAt = m.parentId.isEmpty() ? c.createdAt : timeOf.value(m.parentId, c.createdAt) + 1;
        timeOf.insert(m.id, m.createdAt);
    }
    return ic;
}

Result<QString> folderIdFor(ChatRepository &repo, const QString &path, QHash<QString, QString> &cache)
{
    QString parent;
    QString soFar;
    for (const QString &raw : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const QString name = raw.simplified();
        if (name.isEmpty())
            continue;
        soFar += QLatin1Char('/') + name.toLower();
        if (cache.contains(soFar)) {
            parent = cache.value(soFar);
            continue;
        }
        Result<QList<FolderRecord>> all = repo.folders();
        if (!all)
            return all.error();
        QString found;
        for (const FolderRecord &f : all.value()) {
            if (f.parentId == parent && f.name.compare(name, Qt::CaseInsensitive) == 0)
                found = f.id;
        }
        if (found.isEmpty()) {
            Result<FolderRecord> created = repo.createFolder(name, parent);
            if (!created)
                return created.error();
            found = created->id;
        }
        cache.insert(soFar, found);
        parent = found;
    }
    return parent;
}

} // namespace

QString formatName(Format format)
{
    switch (format) {
    case Format::Cairn:
        return QStringLiteral("Cairn JSON");
    case Format::OpenWebUi:
        return QStringLiteral("Open WebUI");
    case Format::ChatGpt:
        return QStringLiteral("ChatGPT");
    case Format::Unknown:
        break;
    }
    return QCoreApplication::translate("cairn::ChatTransfer", "unknown");
}

namespace {

Format detectDoc(const QJsonDocument &doc)
{
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        if (o.value(QStringLiteral("format")).toString() == kFormatTag)
            return Format::Cairn;
        if (o.value(QStringLiteral("chat")).isObject())
            return Format::OpenWebUi;
        if (o.value(QStringLiteral("mapping")).isObject())
            return Format::ChatGpt;
        return Format::Unknown;
    }
    const QJsonArray a = doc.array();
    if (a.isEmpty())
        return Format::Unknown;
    const QJsonObject first = a.first().toObject();
    if (first.value(QStringLiteral("mapping")).isObject())
        return Format::ChatGpt;
    if (first.value(QStringLiteral("chat")).isObject())
        return Format::OpenWebUi;
    return Format::Unknown;
}

} // namespace

Format detect(const QByteArray &json)
{
    return detectDoc(QJsonDocument::fromJson(json));
}

Result<QList<ImportedChat>> parse(const QByteArray &json, Format *formatOut)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(
            QCoreApplication::translate("cairn::ChatTransfer", "The file is not valid JSON (%1 at byte %2).")
                .arg(error.errorString())
                .arg(error.offset));
    const Format format = detectDoc(doc);
    if (formatOut)
        *formatOut = format;
    switch (format) {
    case Format::Cairn:
        return parseCairn(doc.object());
    case Format::OpenWebUi:
    case Format::ChatGpt: {
        const QJsonArray items = doc.isArray() ? doc.array() : QJsonArray {doc.object()};
        QList<ImportedChat> out;
        for (int i = 0; i < items.size(); ++i) {
            if (!items.at(i).isObject())
                return invalid(
                    QCoreApplication::translate("cairn::ChatTransfer", "Item %1 of the file is not a chat.")
                        .arg(i + 1));
            Result<ImportedChat> chat = format == Format::OpenWebUi
                ? parseOpenWebUiChat(items.at(i).toObject(), i)
                : parseChatGptConversation(items.at(i).toObject(), i);
            if (!chat)
                return chat.error();
            out.append(chat.value());
        }
        return out;
    }
    case Format::Unknown:
        break;
    }
    return invalid(QCoreApplication::translate("cairn::ChatTransfer",
        "Cairn does not recognise this file. It reads its own JSON export, Open WebUI chat exports and "
        "ChatGPT's conversations.json."));
}

Result<ImportSummary> import(ChatRepository &repo, const QByteArray &json, const Progress &progress)
{
    ImportSummary summary;
    Result<QList<ImportedChat>> parsed = parse(json, &summary.format);
    if (!parsed)
        return parsed.error();
    const QList<ImportedChat> &chats = parsed.value();
    const int total = static_cast<int>(chats.size());
    QHash<QString, QString> folders;
    Result<void> written = repo.inTransaction([&]() -> Result<void> {
        for (int i = 0; i < total; ++i) {
            if (progress && !progress(i, total))
                return Error::make(ErrorCode::Cancelled,
                    QCoreApplication::translate(
                        "cairn::ChatTransfer", "The import was cancelled; nothing was imported."));
            const ImportedChat &ic = chats[i];
            Result<bool> seen = repo.sourceKeyExists(ic.chat.sourceKey);
            if (!seen)
                return seen.error();
            const bool sameId = !ic.chat.id.isEmpty() && repo.chat(ic.chat.id).ok();
            if (seen.value() || sameId) {
                ++summary.skipped;
                continue;
            }
            ChatRecord chat = ic.chat;
            chat.connectionId.clear(); // connections are per machine
            if (!ic.folderPath.isEmpty()) {
                Result<QString> folder = folderIdFor(repo, ic.folderPath, folders);
                if (!folder)
                    return folder.error();
                chat.folderId = folder.value();
            }
            Result<ChatRecord> created = repo.createChat(chat);
            if (!created)
                return created.error();
            // Our own files keep their ids; others get new ones (their ids may clash across sources).
            const bool keepIds = summary.format == Format::Cairn;
            QHash<QString, QString> ids;
            QList<MessageRecord> stored;
            stored.reserve(ic.messages.size());
            for (MessageRecord m : ic.messages) {
                const QString original = m.id;
                if (!keepIds)
                    m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                ids.insert(original, m.id);
                m.chatId = created->id;
                m.parentId = ids.value(m.parentId);
                m.connectionId.clear();
                QList<AttachmentData> files;
                for (const AttachmentRef &ref : m.attachments)
                    files.append({ref, ic.files.value(ref.id)});
                Result<MessageRecord> added = repo.addMessageWithAttachments(m, files, false);
                if (!added)
                    return added.error();
                stored.append(added.value());
            }
            const QString current = MessageTree(stored).resolveCurrent(ids.value(ic.currentId));
            if (!current.isEmpty()) {
                if (Result<void> set = repo.setCurrentMessage(created->id, current); !set)
                    return set;
            }
            ++summary.chats;
            summary.messages += static_cast<int>(stored.size());
        }
        return {};
    });
    if (!written)
        return written.error();
    if (progress)
        progress(total, total);
    return summary;
}

// ---- export ------------------------------------------------------------------------------------

namespace {

// The chats an export covers (one, or every chat with archived ones), and their folder paths.
struct ExportPlan {
    QList<ChatRecord> chats;
    QHash<QString, QString> folderPaths; // folder id -> "A/B"
};

Result<ExportPlan> planExport(ChatRepository &repo, const QString &chatId)
{
    ExportPlan plan;
    Result<QList<FolderRecord>> folders = repo.folders();
    if (!folders)
        return folders.error();
    QHash<QString, FolderRecord> byId;
    for (const FolderRecord &f : folders.value())
        byId.insert(f.id, f);
    for (const FolderRecord &f : folders.value()) {
        QStringList names;
        QSet<QString> seen;
        QString id = f.id;
        while (!id.isEmpty() && byId.contains(id) && !seen.contains(id)) {
            seen.insert(id);
            names.prepend(byId.value(id).name);
            id = byId.value(id).parentId;
        }
        plan.folderPaths.insert(f.id, names.join(QLatin1Char('/')));
    }
    if (!chatId.isEmpty()) {
        Result<ChatRecord> one = repo.chat(chatId);
        if (!one)
            return one.error();
        plan.chats.append(one.value());
        return plan;
    }
    constexpr int kPage = 500;
    for (bool archived : {false, true}) {
        ChatFilter f;
        f.archived = archived;
        for (int offset = 0;; offset += kPage) {
            Result<QList<ChatRecord>> page = repo.listChats(f, offset, kPage);
            if (!page)
                return page.error();
            plan.chats += page.value();
            if (page->size() < kPage)
                break;
        }
    }
    return plan;
}

// One chat with its messages and the bytes of their files.
Result<ExportedChat> exportedChat(ChatRepository &repo, const ChatRecord &chat, const ExportPlan &plan)
{
    Result<QList<MessageRecord>> messages = repo.messages(chat.id);
    if (!messages)
        return messages.error();
    ExportedChat e {chat, plan.folderPaths.value(chat.folderId), messages.value(), {}};
    for (const MessageRecord &m : e.messages) {
        for (const AttachmentRef &ref : m.attachments) {
            if (e.files.contains(ref.id))
                continue;
            Result<AttachmentData> a = repo.attachment(ref.id);
            if (!a)
                return a.error();
            e.files.insert(ref.id, a->data);
        }
    }
    return e;
}

Error cancelledExport()
{
    return Error::make(ErrorCode::Cancelled,
        QCoreApplication::translate("cairn::ChatTransfer", "The export was cancelled."));
}

} // namespace

Result<QList<ExportedChat>> collect(ChatRepository &repo, const QString &chatId, const Progress &progress)
{
    Result<ExportPlan> plan = planExport(repo, chatId);
    if (!plan)
        return plan.error();
    QList<ExportedChat> out;
    const int total = static_cast<int>(plan->chats.size());
    out.reserve(total);
    for (int i = 0; i < total; ++i) {
        if (progress && !progress(i, total))
            return cancelledExport();
        Result<ExportedChat> e = exportedChat(repo, plan->chats[i], plan.value());
        if (!e)
            return e.error();
        out.append(e.value());
    }
    return out;
}

namespace {

QJsonObject chatObject(const ExportedChat &e)
{
    const ChatRecord &c = e.chat;
    QJsonArray messages;
    for (const MessageRecord &m : e.messages) {
        QJsonObject mo {{QStringLiteral("id"), m.id},
            {QStringLiteral("parent_id"), m.parentId.isEmpty() ? QJsonValue() : QJsonValue(m.parentId)},
            {QStringLiteral("role"), m.role}, {QStringLiteral("content"), m.content},
            {QStringLiteral("status"), m.status}, {QStringLiteral("created_at"), m.createdAt},
            {QStringLiteral("updated_at"), m.updatedAt}};
        const auto put = [&mo](const char *key, const QString &v) {
            if (!v.isEmpty())
                mo.insert(QLatin1String(key), v);
        };
        const auto putInt = [&mo](const char *key, const std::optional<qint64> &v) {
            if (v)
                mo.insert(QLatin1String(key), *v);
        };
        put("reasoning", m.reasoning);
        put("model", m.model);
        put("error", m.error);
        put("finish_reason", m.finishReason);
        putInt("prompt_tokens", m.promptTokens);
        putInt("completion_tokens", m.completionTokens);
        putInt("first_token_ms", m.firstTokenMs);
        putInt("latency_ms", m.latencyMs);
        if (m.cost)
            mo.insert(QStringLiteral("cost"), *m.cost);
        if (m.rating != 0)
            mo.insert(QStringLiteral("rating"), m.rating);
        put("rating_comment", m.ratingComment);
        if (!m.meta.isEmpty())
            mo.insert(QStringLiteral("meta"), m.meta);
        QJsonArray attachments;
        for (const AttachmentRef &ref : m.attachments)
            attachments.append(QJsonObject {{QStringLiteral("sha256"), ref.id},
                {QStringLiteral("name"), ref.name}, {QStringLiteral("mime"), ref.mime},
                {QStringLiteral("kind"), ref.kind}, {QStringLiteral("size"), ref.size}});
        if (!attachments.isEmpty())
            mo.insert(QStringLiteral("attachments"), attachments);
        messages.append(mo);
    }
    QJsonObject co {{QStringLiteral("id"), c.id}, {QStringLiteral("title"), c.title},
        {QStringLiteral("created_at"), c.createdAt}, {QStringLiteral("updated_at"), c.updatedAt},
        {QStringLiteral("pinned"), c.pinned}, {QStringLiteral("archived"), c.archived},
        {QStringLiteral("tags"), QJsonArray::fromStringList(c.tags)},
        {QStringLiteral("current_message_id"), c.currentMessageId}, {QStringLiteral("messages"), messages}};
    if (!e.folderPath.isEmpty())
        co.insert(QStringLiteral("folder"), e.folderPath);
    if (!c.model.isEmpty())
        co.insert(QStringLiteral("model"), c.model);
    if (!c.systemPrompt.isEmpty())
        co.insert(QStringLiteral("system_prompt"), c.systemPrompt);
    if (!c.params.isEmpty())
        co.insert(QStringLiteral("params"), c.params);
    if (!c.meta.isEmpty())
        co.insert(QStringLiteral("meta"), c.meta);
    if (!c.sourceKey.isEmpty())
        co.insert(QStringLiteral("source_key"), c.sourceKey);
    if (!e.files.isEmpty()) {
        QJsonObject files;
        for (auto it = e.files.cbegin(); it != e.files.cend(); ++it)
            files.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
        co.insert(QStringLiteral("files"), files);
    }
    return co;
}

QJsonObject exportHeader()
{
    return {{QStringLiteral("format"), kFormatTag}, {QStringLiteral("version"), kSchemaVersion},
        {QStringLiteral("exported_at"), QDateTime::currentMSecsSinceEpoch()}};
}

} // namespace

QByteArray toJson(const QList<ExportedChat> &chats)
{
    QJsonArray list;
    for (const ExportedChat &e : chats)
        list.append(chatObject(e));
    QJsonObject root = exportHeader();
    root.insert(QStringLiteral("chats"), list);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

namespace {

QString chatMarkdown(const ExportedChat &e)
{
    QString out;
    const auto when = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    };
    const QString title = e.chat.title.isEmpty()
        ? QCoreApplication::translate("cairn::ChatTransfer", "Untitled chat")
        : e.chat.title;
    out += QStringLiteral("# ") + title + QStringLiteral("\n\n");
    QStringList facts {when(e.chat.createdAt)};
    if (!e.chat.model.isEmpty())
        facts.append(e.chat.model);
    if (!e.chat.tags.isEmpty())
        facts.append(QCoreApplication::translate("cairn::ChatTransfer", "tags: %1")
                         .arg(e.chat.tags.join(QStringLiteral(", "))));
    out += QLatin1Char('*') + facts.join(QStringLiteral(" \u00b7 ")) + QStringLiteral("*\n\n");
    if (!e.chat.systemPrompt.isEmpty())
        out += QStringLiteral("> ") + QCoreApplication::translate("cairn::ChatTransfer", "System prompt:")
            + QLatin1Char(' ')
            + QString(e.chat.systemPrompt).replace(QLatin1Char('\n'), QStringLiteral("\n> "))
            + QStringLiteral("\n\n");
    const MessageTree tree(e.messages);
    for (const MessageRecord &m : tree.branch(tree.resolveCurrent(e.chat.currentMessageId))) {
        QString who;
        if (m.role == QStringLiteral("user"))
            who = QCoreApplication::translate("cairn::ChatTransfer", "You");
        else if (m.role == QStringLiteral("assistant"))
            who = m.model.isEmpty() ? QCoreApplication::translate("cairn::ChatTransfer", "Assistant")
                                    : m.model;
        else
            who = m.role;
        out += QStringLiteral("## ") + who + QStringLiteral(" \u2014 ") + when(m.createdAt)
            + QStringLiteral("\n\n");
        if (!m.reasoning.isEmpty())
            out += QStringLiteral("> ")
                + QString(m.reasoning).replace(QLatin1Char('\n'), QStringLiteral("\n> "))
                + QStringLiteral("\n\n");
        out += m.content + QStringLiteral("\n\n");
        for (const AttachmentRef &ref : m.attachments)
            out += QStringLiteral("- \U0001F4CE ") + ref.name + QStringLiteral("\n");
        if (!m.attachments.isEmpty())
            out += QLatin1Char('\n');
    }
    return out;
}

} // namespace

QByteArray toMarkdown(const QList<ExportedChat> &chats)
{
    QString out;
    for (int i = 0; i < chats.size(); ++i) {
        if (i > 0)
            out += QStringLiteral("\n---\n\n");
        out += chatMarkdown(chats[i]);
    }
    return out.toUtf8();
}

Result<int> write(ChatRepository &repo, QIODevice &out, ExportFormat format, const QString &chatId,
    const Progress &progress)
{
    Result<ExportPlan> plan = planExport(repo, chatId);
    if (!plan)
        return plan.error();
    const auto put = [&out](const QByteArray &bytes) -> Result<void> {
        if (out.write(bytes) != bytes.size())
            return Error::make(ErrorCode::Io, out.errorString());
        return {};
    };
    const bool json = format == ExportFormat::Json;
    if (json) {
        // The header, then the chats one at a time: memory stays that of one chat.
        QByteArray head = QJsonDocument(exportHeader()).toJson(QJsonDocument::Compact);
        head.chop(1); // the closing brace
        if (Result<void> w = put(head + ",\"chats\":[\n"); !w)
            return w.error();
    }
    const int total = static_cast<int>(plan->chats.size());
    for (int i = 0; i < total; ++i) {
        if (progress && !progress(i, total))
            return cancelledExport();
        Result<ExportedChat> e = exportedChat(repo, plan->chats[i], plan.value());
        if (!e)
            return e.error();
        QByteArray bytes;
        if (json)
            bytes = (i > 0 ? QByteArray(",\n") : QByteArray())
                + QJsonDocument(chatObject(e.value())).toJson(QJsonDocument::Compact);
        else
            bytes = ((i > 0 ? QStringLiteral("\n---\n\n") : QString()) + chatMarkdown(e.value())).toUtf8();
        if (Result<void> w = put(bytes); !w)
            return w.error();
    }
    if (json) {
        if (Result<void> w = put("\n]}\n"); !w)
            return w.error();
    }
    if (progress)
        progress(total, total);
    return total;
}

} // namespace cairn::ChatTransfer
