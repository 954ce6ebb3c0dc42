#include "llm/Protocol.h"

#include "llm/StreamParsers.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>
#include <QUrlQuery>

namespace cairn::llm {

namespace {

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Parses one JSON object; a clear error for anything else (including invalid UTF-8).
Result<QJsonObject> parseObject(QByteArrayView bytes)
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const bool utf8 = parseError.error == QJsonParseError::IllegalUTF8String;
        return Error::make(ErrorCode::Corrupt,
            utf8 ? QCoreApplication::translate(
                "cairn::LlmErrors", "The server sent text that is not valid UTF-8.")
                 : QCoreApplication::translate(
                     "cairn::LlmErrors", "The server sent malformed JSON (%1 at byte %2).")
                       .arg(parseError.errorString())
                       .arg(parseError.offset));
    }
    if (!doc.isObject())
        return Error::make(ErrorCode::Corrupt,
            QCoreApplication::translate("cairn::LlmErrors", "The server sent JSON that is not an object."));
    return doc.object();
}

void mergeInto(QJsonObject &target, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (it.value().isObject() && target.value(it.key()).isObject()) {
            QJsonObject inner = target.value(it.key()).toObject();
            mergeInto(inner, it.value().toObject());
            target.insert(it.key(), inner);
        } else {
            target.insert(it.key(), it.value());
        }
    }
}

QJsonArray toJsonArray(const QStringList &list)
{
    QJsonArray array;
    for (const QString &s : list)
        array.append(s);
    return array;
}

std::optional<qint64> optionalInt(const QJsonValue &value)
{
    if (value.isDouble())
        return static_cast<qint64>(value.toDouble());
    return std::nullopt;
}

QJsonObject toolFragment(int index, const QString &id, const QString &name, const QString &arguments)
{
    QJsonObject o {{QStringLiteral("index"), index}};
    if (!id.isEmpty())
        o.insert(QStringLiteral("id"), id);
    if (!name.isEmpty())
        o.insert(QStringLiteral("name"), name);
    if (!arguments.isEmpty())
        o.insert(QStringLiteral("arguments"), arguments);
    return o;
}

Result<QList<QVector<float>>> vectorsFrom(const QJsonArray &rows, const QString &what)
{
    QList<QVector<float>> out;
    out.reserve(rows.size());
    for (const QJsonValue &row : rows) {
        if (!row.isArray())
            return Error::make(ErrorCode::Corrupt,
                QCoreApplication::translate("cairn::LlmErrors", "The server's %1 list is malformed.")
                    .arg(what));
        const QJsonArray values = row.toArray();
        QVector<float> v;
        v.reserve(values.size());
        for (const QJsonValue &x : values) {
            if (!x.isDouble())
                return Error::make(ErrorCode::Corrupt,
                    QCoreApplication::translate("cairn::LlmErrors", "The server's %1 list is malformed.")
                        .arg(what));
            v.append(static_cast<float>(x.toDouble()));
        }
        out.append(std::move(v));
    }
    return out;
}

// Feeds bytes to a line-based parser (SseParser or NdjsonParser) whose callback turns records into
// deltas appended to m_out.
template<typename Parser> class ParsingDecoder : public StreamDecoder
{
public:
    bool feed(QByteArrayView bytes, QList<ChatDelta> &out) override
    {
        return run(out, [&] { return m_parser.feed(bytes); });
    }
    bool finish(QList<ChatDelta> &out) override
    {
        return run(out, [&] { return m_parser.finish(); });
    }

protected:
    template<typename Handler>
    ParsingDecoder(Handler handler, qint64 maxLine) : m_parser(std::move(handler), maxLine)
    { }
    Parser m_parser;
    QList<ChatDelta> *m_out = nullptr;

private:
    template<typename Step> bool run(QList<ChatDelta> &out, Step step)
    {
        m_out = &out;
        if (!m_error.isError() && !step() && !m_error.isError())
            fail(LlmError::Kind::BadResponse, m_parser.error());
        return !m_error.isError();
    }
};

// ------------------------------------------------------------------------------------------------
// OpenAI-compatible Chat Completions

class OpenAiDecoder final : public ParsingDecoder<SseParser>
{
public:
    explicit OpenAiDecoder(qint64 maxLine)
        : ParsingDecoder([this](const SseEvent &e) { onEvent(e); }, maxLine)
    { }

private:
    void onEvent(const SseEvent &e)
    {
        if (m_error.isError() || m_sawEnd)
            return;
        if (e.data == "[DONE]") {
            m_sawEnd = true;
            return;
        }
        auto parsed = parseObject(e.data);
        if (!parsed) {
            fail(LlmError::Kind::BadResponse, parsed.error().message);
            return;
        }
        const QJsonObject o = parsed.value();
        if (o.contains(QStringLiteral("error"))) {
            const QString msg = Protocol::serverMessage(e.data);
            m_error.serverMessage = msg;
            fail(LlmError::Kind::ServerError,
                QCoreApplication::translate("cairn::LlmErrors", "The server reported an error mid-answer: %1")
                    .arg(msg));
            return;
        }
        ++m_meaningful;
        ChatDelta d;
        const QJsonArray choices = o.value(QStringLiteral("choices")).toArray();
        if (!choices.isEmpty()) {
            const QJsonObject choice = choices.first().toObject();
            const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
            d.content = delta.value(QStringLiteral("content")).toString();
            d.reasoning = delta.value(QStringLiteral("reasoning_content")).toString();
            if (d.reasoning.isEmpty())
                d.reasoning = delta.value(QStringLiteral("reasoning")).toString();
            const QJsonArray calls = delta.value(QStringLiteral("tool_calls")).toArray();
            for (const QJsonValue &c : calls) {
                const QJsonObject call = c.toObject();
                const QJsonObject fn = call.value(QStringLiteral("function")).toObject();
                d.toolCalls.append(toolFragment(call.value(QStringLiteral("index")).toInt(),
                    call.value(QStringLiteral("id")).toString(), fn.value(QStringLiteral("name")).toString(),
                    fn.value(QStringLiteral("arguments")).toString()));
            }
            const QJsonValue finish = choice.value(QStringLiteral("finish_reason"));
            if (finish.isString())
                d.finishReason = normalizeFinishReason(finish.toString());
        }
        const QJsonObject usage = o.value(QStringLiteral("usage")).toObject();
        if (!usage.isEmpty()) {
            d.promptTokens = optionalInt(usage.value(QStringLiteral("prompt_tokens")));
            d.completionTokens = optionalInt(usage.value(QStringLiteral("completion_tokens")));
        }
        if (!d.isEmpty())
            m_out->append(std::move(d));
    }
};

class OpenAiProtocol final : public Protocol
{
public:
    using Protocol::Protocol;

    HttpCall modelsCall() const override
    {
        // Azure's data plane cannot list deployments with an API key; its model list (which needs
        // the same key and api-version) proves the connection, and the deployment is the model.
        if (azureMode() == AzureMode::Deployment)
            return withApiVersion(jsonCall("GET", azureUrl(QStringLiteral("/openai/models")), {}));
        return jsonCall("GET", endpoint(QStringLiteral("/models")), {});
    }

    Result<QList<ModelInfo>> parseModels(const QByteArray &body) const override
    {
        auto parsed = parseObject(body);
        if (!parsed)
            return parsed.error();
        const QJsonValue data = parsed->value(QStringLiteral("data"));
        if (!data.isArray())
            return Error::make(ErrorCode::Corrupt,
                QCoreApplication::translate(
                    "cairn::LlmErrors", "The server's model list has no \"data\" array."));
        if (azureMode() == AzureMode::Deployment && !fixedDeployment().isEmpty()) {
            ModelInfo deployment;
            deployment.id = fixedDeployment();
            deployment.displayName = deployment.id;
            return QList<ModelInfo> {deployment};
        }
        QList<ModelInfo> models;
        for (const QJsonValue &v : data.toArray()) {
            const QJsonObject m = v.toObject();
            ModelInfo info;
            info.id = m.value(QStringLiteral("id")).toString();
            if (info.id.isEmpty())
                continue;
            info.displayName = m.value(QStringLiteral("name")).toString(info.id);
            info.contextLength = m.value(QStringLiteral("context_length")).toInteger();
            models.append(info);
        }
        return models;
    }

    HttpCall chatCall(const ChatRequest &request) const override
    {
        QJsonArray messages;
        for (const ChatMessage &m : request.messages) {
            QJsonObject msg {{QStringLiteral("role"), ChatMessage::roleName(m.role)}};
            if (m.images.isEmpty()) {
                msg.insert(QStringLiteral("content"), m.content);
            } else {
                QJsonArray parts;
                if (!m.content.isEmpty())
                    parts.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                        {QStringLiteral("text"), m.content}});
                for (const ImagePart &img : m.images) {
                    const QString url = QStringLiteral("data:") + QString::fromLatin1(img.mimeType)
                        + QStringLiteral(";base64,") + QString::fromLatin1(img.data.toBase64());
                    parts.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("image_url")},
                        {QStringLiteral("image_url"), QJsonObject {{QStringLiteral("url"), url}}}});
                }
                msg.insert(QStringLiteral("content"), parts);
            }
            messages.append(msg);
        }
        QJsonObject body {{QStringLiteral("model"), request.model}, {QStringLiteral("messages"), messages},
            {QStringLiteral("stream"), request.stream}};
        if (request.stream)
            body.insert(
                QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}});
        const ChatParams &p = request.params;
        if (p.temperature)
            body.insert(QStringLiteral("temperature"), *p.temperature);
        if (p.topP)
            body.insert(QStringLiteral("top_p"), *p.topP);
        if (p.maxTokens) {
            // OpenAI itself wants max_completion_tokens (its reasoning models refuse max_tokens);
            // the many compatible servers know max_tokens.
            const bool openAiItself
                = config().baseUrl.host().compare(QStringLiteral("api.openai.com"), Qt::CaseInsensitive) == 0;
            body.insert(openAiItself ? QStringLiteral("max_completion_tokens") : QStringLiteral("max_tokens"),
                *p.maxTokens);
        }
        if (p.seed)
            body.insert(QStringLiteral("seed"), *p.seed);
        if (!p.stop.isEmpty())
            body.insert(QStringLiteral("stop"), toJsonArray(p.stop));
        mergeInto(body, p.extra);
        HttpCall call = withApiVersion(
            jsonCall("POST", operationUrl(request.model, QStringLiteral("/chat/completions")), toJson(body)));
        call.streaming = request.stream;
        call.model = request.model;
        if (request.stream)
            call.headers.append(qMakePair(QByteArray("Accept"), QByteArray("text/event-stream")));
        return call;
    }

    std::unique_ptr<StreamDecoder> streamDecoder() const override
    {
        return std::make_unique<OpenAiDecoder>(config().maxLineBytes);
    }

    Result<ChatResult> parseChat(const QByteArray &body) const override
    {
        auto parsed = parseObject(body);
        if (!parsed)
            return parsed.error();
        const QJsonArray choices = parsed->value(QStringLiteral("choices")).toArray();
        if (choices.isEmpty())
            return Error::make(ErrorCode::Corrupt,
                QCoreApplication::translate("cairn::LlmErrors", "The server's answer has no choices."));
        const QJsonObject choice = choices.first().toObject();
        const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
        ChatResult r;
        r.content = message.value(QStringLiteral("content")).toString();
        r.reasoning = message.value(QStringLiteral("reasoning_content")).toString();
        if (r.reasoning.isEmpty())
            r.reasoning = message.value(QStringLiteral("reasoning")).toString();
        int i = 0;
        for (const QJsonValue &c : message.value(QStringLiteral("tool_calls")).toArray()) {
            const QJsonObject call = c.toObject();
            const QJsonObject fn = call.value(QStringLiteral("function")).toObject();
            r.toolCalls.append(ToolCall {i++, call.value(QStringLiteral("id")).toString(),
                fn.value(QStringLiteral("name")).toString(),
                fn.value(QStringLiteral("arguments")).toString()});
        }
        r.finishReason = normalizeFinishReason(choice.value(QStringLiteral("finish_reason")).toString());
        const QJsonObject usage = parsed->value(QStringLiteral("usage")).toObject();
        r.promptTokens = optionalInt(usage.value(QStringLiteral("prompt_tokens")));
        r.completionTokens = optionalInt(usage.value(QStringLiteral("completion_tokens")));
        return r;
    }

    HttpCall embedCall(const QString &model, const QStringList &inputs) const override
    {
        const QJsonObject body {
            {QStringLiteral("model"), model}, {QStringLiteral("input"), toJsonArray(inputs)}};
        return withApiVersion(
            jsonCall("POST", operationUrl(model, QStringLiteral("/embeddings")), toJson(body)));
    }

    Result<QList<QVector<float>>> parseEmbeddings(const QByteArray &body) const override
    {
        auto parsed = parseObject(body);
        if (!parsed)
            return parsed.error();
        QJsonArray data = parsed->value(QStringLiteral("data")).toArray();
        // Order by "index": servers may answer out of order.
        QList<QJsonValue> sorted(data.begin(), data.end());
        std::stable_sort(sorted.begin(), sorted.end(), [](const QJsonValue &a, const QJsonValue &b) {
            return a.toObject().value(QStringLiteral("index")).toInt()
                < b.toObject().value(QStringLiteral("index")).toInt();
        });
        QJsonArray rows;
        for (const QJsonValue &v : sorted)
            rows.append(v.toObject().value(QStringLiteral("embedding")));
        return vectorsFrom(rows, QCoreApplication::translate("cairn::LlmErrors", "embedding"));
    }

protected:
    void addAuth(HttpCall &call) const override
    {
        if (config().apiKey.isEmpty())
            return;
        if (config().isAzure())
            call.headers.append(qMakePair(QByteArray("api-key"), QByteArray(config().apiKey)));
        else
            call.headers.append(
                qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + config().apiKey)));
    }

private:
    // Azure OpenAI: the v1 API ("…/openai/v1") is OpenAI's own paths with an api-key header; the
    // classic API addresses a deployment ("…/openai/deployments/NAME/…?api-version=V"). There the
    // request's model names the deployment, and the one in the base URL is the default.
    enum class AzureMode { None, V1, Deployment };

    AzureMode azureMode() const
    {
        if (!config().isAzure())
            return AzureMode::None;
        QString path = config().baseUrl.path();
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        return path.endsWith(QStringLiteral("/openai/v1")) ? AzureMode::V1 : AzureMode::Deployment;
    }

    QString fixedDeployment() const
    {
        static const QRegularExpression re(QStringLiteral("/openai/deployments/([^/]+)"));
        const auto m = re.match(config().baseUrl.path());
        return m.hasMatch() ? m.captured(1) : QString();
    }

    // The resource's origin (and any path before "/openai") followed by tail.
    QUrl azureUrl(const QString &tail) const
    {
        QUrl url = config().baseUrl;
        QString path = url.path();
        const qsizetype at = path.indexOf(QStringLiteral("/openai"));
        path = at >= 0 ? path.left(at) : QString();
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        url.setPath(path + tail);
        url.setQuery(QString());
        return url;
    }

    QUrl operationUrl(const QString &model, const QString &operation) const
    {
        if (azureMode() != AzureMode::Deployment)
            return endpoint(operation);
        const QString deployment = model.isEmpty() ? fixedDeployment() : model;
        if (deployment.isEmpty())
            return endpoint(operation);
        // Azure's deployment names have letters, digits, "-", "_" and "." only; QUrl encodes the rest.
        return azureUrl(QStringLiteral("/openai/deployments/") + deployment + operation);
    }

    HttpCall withApiVersion(HttpCall call) const
    {
        if (azureMode() == AzureMode::Deployment) {
            QUrlQuery q(call.url);
            const QString version = config().azureApiVersion.isEmpty() ? QStringLiteral("2024-10-21")
                                                                       : config().azureApiVersion;
            q.removeAllQueryItems(QStringLiteral("api-version"));
            q.addQueryItem(QStringLiteral("api-version"), version);
            call.url.setQuery(q);
        }
        return call;
    }
};

// ------------------------------------------------------------------------------------------------
// Ollama native API

class OllamaDecoder final : public ParsingDecoder<NdjsonParser>
{
public:
    explicit OllamaDecoder(qint64 maxLine)
        : ParsingDecoder([this](QByteArrayView line) { onRecord(line); }, maxLine)
    { }

    static ChatDelta deltaFrom(const QJsonObject &o, int &toolIndex)
    {
        ChatDelta d;
        const QJsonObject message = o.value(QStringLiteral("message")).toObject();
        d.content = message.value(QStringLiteral("content")).toString();
        d.reasoning = message.value(QStringLiteral("thinking")).toString();
        for (const QJsonValue &c : message.value(QStringLiteral("tool_calls")).toArray()) {
            const QJsonObject fn = c.toObject().value(QStringLiteral("function")).toObject();
            const QJsonValue args = fn.value(QStringLiteral("arguments"));
            const QString argText = args.isObject()
                ? QString::fromUtf8(QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact))
                : args.toString();
            d.toolCalls.append(
                toolFragment(toolIndex++, {}, fn.value(QStringLiteral("name")).toString(), argText));
        }
        if (o.value(QStringLiteral("done")).toBool()) {
            d.finishReason = normalizeFinishReason(
                o.value(QStringLiteral("done_reason")).toString(QStringLiteral("stop")));
            d.promptTokens = optionalInt(o.value(QStringLiteral("prompt_eval_count")));
            d.completionTokens = optionalInt(o.value(QStringLiteral("eval_count")));
        }
        return d;
    }

private:
    void onRecord(QByteArrayView line)
    {
        if (m_error.isError() || m_sawEnd)
            return;
        auto parsed = parseObject(line);
        if (!parsed) {
            fail(LlmError::Kind::BadResponse, parsed.error().message);
            return;
        }
        const QJsonObject o = parsed.value();
        if (o.contains(QStringLiteral("error"))) {
            const QString msg = Protocol::serverMessage(line.toByteArray());
            m_error.serverMessage = msg;
            fail(LlmError::Kind::ServerError,
                QCoreApplication::translate("cairn::LlmErrors", "The server reported an error mid-answer: %1")
                    .arg(msg));
            return;
        }
        ++m_meaningful;
        ChatDelta d = deltaFrom(o, m_toolIndex);
        if (o.value(QStringLiteral("done")).toBool())
            m_sawEnd = true;
        if (!d.isEmpty())
            m_out->append(std::move(d));
    }

    int m_toolIndex = 0;
};

class OllamaProtocol final : public Protocol
{
public:
    using Protocol::Protocol;

    HttpCall modelsCall() const override
    {
        return jsonCall("GET", endpoint(QStringLiteral("/api/tags")), {});
    }

    Result<QList<ModelInfo>> parseModels(const QByteArray &body) const override
    {
        auto parsed = parseObject(body);
        if (!parsed)
            return parsed.error();
        const QJsonValue list = parsed->value(QStringLiteral("models"));
        if (!list.isArray())
            return Error::make(ErrorCode::Corrupt,
                QCoreApplication::translate(
                    "cairn::LlmErrors", "The server's model list has no \"models\" array."));
        QList<ModelInfo> models;
        for (const QJsonValue &v : list.toArray()) {
            const QJsonObject m = v.toObject();
            ModelInfo info;
            info.id = m.value(QStringLiteral("model")).toString(m.value(QStringLiteral("name")).toString());
            if (info.id.isEmpty())
                continue;
            info.displayName = m.value(QStringLiteral("name")).toString(info.id);
            models.append(info);
        }
        return models;
    }

    std::optional<HttpCall> modelDetailsCall(const QString &model) const override
    {
        return jsonCall("POST", endpoint(QStringLiteral("/api/show")),
            toJson(QJsonObject {{QStringLiteral("model"), model}}));
    }

    void parseModelDetails(const QByteArray &body, ModelInfo &info) const override
    {
        auto parsed = parseObject(body);
        if (!parsed)
            return;
        const QJsonObject modelInfo = parsed->value(QStringLiteral("model_info")).toObject();
        for (auto it = modelInfo.begin(); it != modelInfo.end(); ++it) {
            if (it.key().endsWith(QStringLiteral(".context_length")))
                info.contextLength = it.value().toInteger();
        }
        for (const QJsonValue &c : parsed->value(QStringLiteral("capabilities")).toArray())
            info.capabilities.append(c.toString());
    }

    HttpCall chatCall(const ChatRequest &request) const override
    {
        QJsonArray messages;
        for (const ChatMessage &m : request.messages) {
            QJsonObject msg {{QStringLiteral("role"), ChatMessage::roleName(m.role)},
                {QStringLiteral("content"), m.content}};
            if (!m.images.isEmpty()) {
                QJsonArray images;
                for (const ImagePart &img : m.images)
                    images.append(QString::fromLatin1(img.data.toBase64()));
                msg.insert(QStringLiteral("images"), images);
            }
            messages.append(msg);
        }
        QJsonObject options;
        const ChatParams &p = request.params;
        if (p.temperature)
            options.insert(QStringLiteral("temperature"), *p.temperature);
        if (p.topP)
            options.insert(QStringLiteral("top_p"), *p.topP);
        if (p.maxTokens)
            options.insert(QStringLiteral("num_predict"), *p.maxTokens);
        if (p.seed)
            options.insert(QStringLiteral("seed"), *p.seed);
        if (!p.stop.isEmpty())
            options.insert(QStringLiteral("stop"), toJsonArray(p.stop));
        QJsonObject body {{QStringLiteral("model"), request.model}, {QStringLiteral("messages"), messages},
            {QStringLiteral("stream"), request.stream}};
        if (!options.isEmpty())
            body.insert(QStringLiteral("options"), options);
        mergeInto(body, p.extra);
        HttpCall call = jsonCall("POST", endpoint(QStringLiteral("/api/chat")), toJson(body));
        call.streaming = request.stream;
        call.model = request.model;
        if (request.stream)
            call.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/x-ndjson")));
        return call;
    }

    std::unique_ptr<StreamDecoder> streamDecoder() const override
    {
        return std::make_unique<OllamaDecoder>(config().maxLineBytes);
    }

    Result<ChatResult> parseChat(const QByteArray &body) const override
    {
        auto parsed = parseObject(body);
        if (!parsed)
            return parsed.error();
        if (!parsed->contains(QStringLiteral("message")))
            return Error::make(ErrorCode::Corrupt,
                QCoreApplication::translate("cairn::LlmErrors", "The server's answer has no message."));
        int toolIndex = 0;
        const ChatDelta d = OllamaDecoder::deltaFrom(parsed.value(), toolIndex);
        ChatResult r;
        r.content = d.content;
        r.reasoning = d.reasoning;
        for (const QJsonValue &v : d.toolCalls) {
            const QJsonObject t = v.toObject();
            r.toolCalls.append(ToolCall {t.value(QStringLiteral("index")).toInt(), {},
                t.value(QStringLiteral("name")).toString(), t.value(QStringLiteral("arguments")).toString()});
        }
        r.finishReason = d.finishReason;
        r.promptTokens = d.promptTokens;
        r.completionTokens = d.completionTokens;
        return r;
    }

    HttpCall embedCall(const QString &model, const QStringList &inputs) const override
    {
        const QJsonObject body {
            {QStringLiteral("model"), model}, {QStringLiteral("input"), toJsonArray(inputs)}};
        return jsonCall("POST", endpoint(QStringLiteral("/api/embed")), toJson(body));
    }

    Result<QList<QVector<float>>> parseEmbeddings(const QByteArray &body) const override
    {
        auto parsed = parseObject(body);
        if (!parsed)
            return parsed.error();
        return vectorsFrom(parsed->value(QStringLiteral("embeddings")).toArray(),
            QCoreApplication::translate("cairn::LlmErrors", "embedding"));
    }

protected:
    void addAuth(HttpCall &call) const override
    {
        if (!config().apiKey.isEmpty())
            call.headers.append(
                qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + config().apiKey)));
    }
};

// ------------------------------------------------------------------------------------------------
// Anthropic Messages

class AnthropicDecoder final : public ParsingDecoder<SseParser>
{
public:
    explicit AnthropicDecoder(qint64 maxLine)
        : ParsingDecoder([this](const SseEvent &e) { onEvent(e); }, maxLine)
    { }

private:
    void onEvent(const SseEvent &e)
    {
        if (m_error.isError() || m_sawEnd)
            return;
        auto parsed = parseObject(e.data);
        if (!parsed) {
            fail(LlmError::Kind::BadResponse, parsed.error().message);
            return;
        }
        const QJsonObject o = parsed.value();
        const QString type = o.value(QStringLiteral("type")).toString(QString::fromUtf8(e.event));
        if (type == QStringLiteral("ping"))
            return;
        if (type == QStringLiteral("error")) {
            const QString msg = Protocol::serverMessage(e.data);
            m_error.serverMessage = msg;
            const QString errType
                = o.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString();
            fail(errType == QStringLiteral("rate_limit_error") ? LlmError::Kind::RateLimited
                                                               : LlmError::Kind::ServerError,
                QCoreApplication::translate("cairn::LlmErrors", "The server reported an error mid-answer: %1")
                    .arg(msg));
            return;
        }
        ++m_meaningful;
        ChatDelta d;
        if (type == QStringLiteral("message_start")) {
            const QJsonObject usage
                = o.value(QStringLiteral("message")).toObject().value(QStringLiteral("usage")).toObject();
            d.promptTokens = optionalInt(usage.value(QStringLiteral("input_tokens")));
        } else if (type == QStringLiteral("content_block_start")) {
            const int index = o.value(QStringLiteral("index")).toInt();
            const QJsonObject block = o.value(QStringLiteral("content_block")).toObject();
            if (block.value(QStringLiteral("type")).toString() == QStringLiteral("tool_use")) {
                const int toolIndex = static_cast<int>(m_toolIndexOfBlock.size());
                m_toolIndexOfBlock.insert(index, toolIndex);
                d.toolCalls.append(toolFragment(toolIndex, block.value(QStringLiteral("id")).toString(),
                    block.value(QStringLiteral("name")).toString(), {}));
            }
        } else if (type == QStringLiteral("content_block_delta")) {
            const QJsonObject delta = o.value(QStringLiteral("delta")).toObject();
            const QString kind = delta.value(QStringLiteral("type")).toString();
            if (kind == QStringLiteral("text_delta")) {
                d.content = delta.value(QStringLiteral("text")).toString();
            } else if (kind == QStringLiteral("thinking_delta")) {
                d.reasoning = delta.value(QStringLiteral("thinking")).toString();
            } else if (kind == QStringLiteral("input_json_delta")) {
                const int index = o.value(QStringLiteral("index")).toInt();
                d.toolCalls.append(toolFragment(m_toolIndexOfBlock.value(index, 0), {}, {},
                    delta.value(QStringLiteral("partial_json")).toString()));
            }
        } else if (type == QStringLiteral("message_delta")) {
            const QJsonValue stop
                = o.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason"));
            if (stop.isString())
                d.finishReason = normalizeFinishReason(stop.toString());
            const QJsonObject usage = o.value(QStringLiteral("usage")).toObject();
            d.completionTokens = optionalInt(usage.value(QStringLiteral("output_tokens")));
            if (usage.contains(QStringLiteral("input_tokens")))
                d.promptTokens = optionalInt(usage.value(QStringLiteral("input_tokens")));
        } else if (type == QStringLiteral("message_stop")) {
            m_sawEnd = true;
        }
        if (!d.isEmpty())
            m_out->append(std::move(d));
    }

    QHash<int, int> m_toolIndexOfBlock;
};

class AnthropicProtocol final : public Protocol
{
public:
    using Protocol::Protocol;

    // GET /v1/models in pages of up to 1000, the next one after the last id of the previous one.
    HttpCall pageCall(const QString &afterId) const
    {
        QUrl url = endpoint(QStringLiteral("/v1/models"));
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
        if (!afterId.isEmpty())
            q.addQueryItem(QStringLiteral("after_id"), afterId);
        url.setQuery(q);
        return jsonCall("GET", url, {});
    }

    HttpCall modelsCall() const override { return pageCall({}); }

    std::optional<HttpCall> nextModelsPage(const QByteArray &body) const override
    {
        auto parsed = parseObject(body);
        if (!parsed || !parsed->value(QStringLiteral("has_more")).toBool())
            return std::nullopt;
        const QString last = parsed->value(QStringLiteral("last_id")).toString();
        if (last.isEmpty())
            return std::nullopt;
        return pageCall(last);
    }

    Result<QList<ModelInfo>> parseModels(const QByteArray &body) const override
    {
        auto parsed = parseObject(body);
        if (!parsed)
            return parsed.error();
        const QJsonValue data = parsed->value(QStringLiteral("data"));
        if (!data.isArray())
            return Error::make(ErrorCode::Corrupt,
                QCoreApplication::translate(
                    "cairn::LlmErrors", "The server's model list has no \"data\" array."));
        QList<ModelInfo> models;
        for (const QJsonValue &v : data.toArray()) {
            const QJsonObject m = v.toObject();
            ModelInfo info;
            info.id = m.value(QStringLiteral("id")).toString();
            if (info.id.isEmpty())
                continue;
            info.displayName = m.value(QStringLiteral("display_name")).toString(info.id);
            models.append(info);
        }
        return models;
    }

    HttpCall chatCall(const ChatRequest &request) const override
    {
        QStringList system;
        QJsonArray messages;
        for (const ChatMessage &m : request.messages) {
            if (m.role == ChatMessage::Role::System) {
                system.append(m.content);
                continue;
            }
            QJsonObject msg {{QStringLiteral("role"), ChatMessage::roleName(m.role)}};
            if (m.images.isEmpty()) {
                msg.insert(QStringLiteral("content"), m.content);
            } else {
                QJsonArray parts;
                for (const ImagePart &img : m.images) {
                    parts.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("image")},
                        {QStringLiteral("source"),
                            QJsonObject {{QStringLiteral("type"), QStringLiteral("base64")},
                                {QStringLiteral("media_type"), QString::fromLatin1(img.mimeType)},
                                {QStringLiteral("data"), QString::fromLatin1(img.data.toBase64())}}}});
                }
                if (!m.content.isEmpty())
                    parts.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                        {QStringLiteral("text"), m.content}});
                msg.insert(QStringLiteral("content"), parts);
            }
            messages.append(msg);
        }
        const ChatParams &p = request.params;
        QJsonObject body {{QStringLiteral("model"), request.model}, {QStringLiteral("messages"), messages},
            {QStringLiteral("max_tokens"), p.maxTokens.value_or(4096)},
            {QStringLiteral("stream"), request.stream}};
        if (!system.isEmpty())
            body.insert(QStringLiteral("system"), system.join(QStringLiteral("\n\n")));
        if (p.temperature)
            body.insert(QStringLiteral("temperature"), *p.temperature);
        if (p.topP)
            body.insert(QStringLiteral("top_p"), *p.topP);
        if (!p.stop.isEmpty())
            body.insert(QStringLiteral("stop_sequences"), toJsonArray(p.stop));
        // Anthropic has no seed parameter; it is not sent.
        mergeInto(body, p.extra);
        HttpCall call = jsonCall("POST", endpoint(QStringLiteral("/v1/messages")), toJson(body));
        call.streaming = request.stream;
        call.model = request.model;
        if (request.stream)
            call.headers.append(qMakePair(QByteArray("Accept"), QByteArray("text/event-stream")));
        return call;
    }

    std::unique_ptr<StreamDecoder> streamDecoder() const override
    {
        return std::make_unique<AnthropicDecoder>(config().maxLineBytes);
    }

    Result<ChatResult> parseChat(const QByteArray &body) const override
    {
        auto parsed = parseObject(body);
        if (!parsed)
            return parsed.error();
        if (!parsed->value(QStringLiteral("content")).isArray())
            return Error::make(ErrorCode::Corrupt,
                QCoreApplication::translate("cairn::LlmErrors", "The server's answer has no content."));
        ChatResult r;
        for (const QJsonValue &v : parsed->value(QStringLiteral("content")).toArray()) {
            const QJsonObject block = v.toObject();
            const QString type = block.value(QStringLiteral("type")).toString();
            if (type == QStringLiteral("text"))
                r.content += block.value(QStringLiteral("text")).toString();
            else if (type == QStringLiteral("thinking"))
                r.reasoning += block.value(QStringLiteral("thinking")).toString();
            else if (type == QStringLiteral("tool_use"))
                r.toolCalls.append(ToolCall {static_cast<int>(r.toolCalls.size()),
                    block.value(QStringLiteral("id")).toString(),
                    block.value(QStringLiteral("name")).toString(),
                    QString::fromUtf8(QJsonDocument(block.value(QStringLiteral("input")).toObject())
                                          .toJson(QJsonDocument::Compact))});
        }
        r.finishReason = normalizeFinishReason(parsed->value(QStringLiteral("stop_reason")).toString());
        const QJsonObject usage = parsed->value(QStringLiteral("usage")).toObject();
        r.promptTokens = optionalInt(usage.value(QStringLiteral("input_tokens")));
        r.completionTokens = optionalInt(usage.value(QStringLiteral("output_tokens")));
        return r;
    }

    bool supportsEmbeddings() const override { return false; }
    HttpCall embedCall(const QString &, const QStringList &) const override { return {}; }
    Result<QList<QVector<float>>> parseEmbeddings(const QByteArray &) const override
    {
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::LlmErrors", "Anthropic servers offer no embeddings."));
    }

protected:
    void addAuth(HttpCall &call) const override
    {
        call.headers.append(
            qMakePair(QByteArray("anthropic-version"), QByteArray(config().anthropicVersion.toUtf8())));
        if (!config().apiKey.isEmpty())
            call.headers.append(qMakePair(QByteArray("x-api-key"), QByteArray(config().apiKey)));
    }
};

bool containsAny(const QString &text, std::initializer_list<const char *> needles)
{
    for (const char *n : needles) {
        if (text.contains(QLatin1String(n), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

// ------------------------------------------------------------------------------------------------

StreamDecoder::~StreamDecoder() = default;

bool StreamDecoder::fail(LlmError::Kind kind, const QString &message)
{
    m_error.kind = kind;
    m_error.message = message;
    return false;
}

Protocol::~Protocol() = default;

std::unique_ptr<Protocol> Protocol::create(const ProviderConfig &config)
{
    switch (config.kind) {
    case ProviderKind::OpenAi:
        return std::make_unique<OpenAiProtocol>(config);
    case ProviderKind::Ollama:
        return std::make_unique<OllamaProtocol>(config);
    case ProviderKind::Anthropic:
        return std::make_unique<AnthropicProtocol>(config);
    }
    return nullptr;
}

std::optional<HttpCall> Protocol::modelDetailsCall(const QString &) const
{
    return std::nullopt;
}

std::optional<HttpCall> Protocol::nextModelsPage(const QByteArray &) const
{
    return std::nullopt;
}

void Protocol::parseModelDetails(const QByteArray &, ModelInfo &) const { }

HttpCall Protocol::jsonCall(const QByteArray &method, const QUrl &url, const QByteArray &body) const
{
    HttpCall call;
    call.method = method;
    call.url = url;
    call.body = body;
    if (!body.isEmpty())
        call.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    call.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    addAuth(call);
    for (const auto &h : m_config.extraHeaders) {
        call.headers.removeIf([&](const QPair<QByteArray, QByteArray> &e) {
            return e.first.compare(h.first, Qt::CaseInsensitive) == 0;
        });
        call.headers.append(h);
    }
    return call;
}

QUrl Protocol::endpoint(const QString &path) const
{
    QUrl url = m_config.baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

QString Protocol::serverMessage(const QByteArray &body)
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        QString text = QString::fromUtf8(body.left(300)).simplified();
        // An HTML error page says little; keep its title at most.
        static const QRegularExpression title(
            QStringLiteral("<title>(.*?)</title>"), QRegularExpression::CaseInsensitiveOption);
        const auto m = title.match(text);
        if (m.hasMatch())
            return m.captured(1).trimmed();
        if (text.startsWith(QLatin1Char('<')))
            return {};
        return text;
    }
    // A server's message can be anything; keep it to a readable length.
    const auto capped = [](const QString &text) {
        constexpr qsizetype kMax = 1000;
        return text.size() > kMax ? text.left(kMax) + QChar(0x2026) : text;
    };
    const QJsonObject o = doc.object();
    const QJsonValue error = o.value(QStringLiteral("error"));
    if (error.isString())
        return capped(error.toString());
    if (error.isObject()) {
        const QString msg = error.toObject().value(QStringLiteral("message")).toString();
        if (!msg.isEmpty())
            return capped(msg);
    }
    for (const char *key : {"message", "detail", "error_description"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isString())
            return capped(v.toString());
    }
    return {};
}

LlmError Protocol::errorFromResponse(int status, const QByteArray &body, const QString &model) const
{
    LlmError e;
    e.httpStatus = status;
    e.serverMessage = serverMessage(body);
    const QString server = e.serverMessage.isEmpty() ? QString() : QStringLiteral(": ") + e.serverMessage;
    const QString head = QString::fromUtf8(body.left(4096)); // containsAny ignores case
    const bool contextClue = containsAny(head,
        {"context_length_exceeded", "maximum context length", "prompt is too long", "exceeds the context",
            "context window", "too many tokens", "input length exceeds"});
    const bool modelClue
        = containsAny(head, {"model_not_found", "not_found_error", "does not exist", "not found"})
        && containsAny(head, {"model"});
    if (status == 401 || status == 403) {
        e.kind = LlmError::Kind::BadKey;
        e.message
            = QCoreApplication::translate("cairn::LlmErrors", "The server rejected the API key (HTTP %1)%2")
                  .arg(status)
                  .arg(server);
    } else if (status == 429) {
        e.kind = LlmError::Kind::RateLimited;
        e.message = QCoreApplication::translate(
            "cairn::LlmErrors", "The server is rate-limiting requests (HTTP 429)%1")
                        .arg(server);
    } else if (contextClue && status >= 400 && status < 500) {
        e.kind = LlmError::Kind::ContextTooLong;
        e.message = QCoreApplication::translate(
            "cairn::LlmErrors", "The conversation is too long for the model's context window%1")
                        .arg(server);
    } else if (status == 404 && modelClue) {
        e.kind = LlmError::Kind::ModelNotFound;
        e.message = model.isEmpty()
            ? QCoreApplication::translate("cairn::LlmErrors", "The model was not found on the server%1")
                  .arg(server)
            : QCoreApplication::translate(
                "cairn::LlmErrors", "The model \u201c%1\u201d was not found on the server%2")
                  .arg(model, server);
    } else if (status == 404) {
        e.kind = LlmError::Kind::BadRequest;
        e.message = QCoreApplication::translate(
            "cairn::LlmErrors", "The server answered 404 Not Found; check the base URL and the model name%1")
                        .arg(server);
    } else if (status >= 500) {
        e.kind = LlmError::Kind::ServerError;
        e.message = QCoreApplication::translate("cairn::LlmErrors", "The server failed (HTTP %1)%2")
                        .arg(status)
                        .arg(server);
    } else {
        e.kind = LlmError::Kind::BadRequest;
        e.message
            = QCoreApplication::translate("cairn::LlmErrors", "The server refused the request (HTTP %1)%2")
                  .arg(status)
                  .arg(server);
    }
    return e;
}

QString normalizeFinishReason(const QString &reason)
{
    if (reason == QStringLiteral("end_turn") || reason == QStringLiteral("stop_sequence"))
        return QStringLiteral("stop");
    if (reason == QStringLiteral("max_tokens"))
        return QStringLiteral("length");
    if (reason == QStringLiteral("tool_use"))
        return QStringLiteral("tool_calls");
    return reason;
}

} // namespace cairn::llm
