#include "llm/LlmTypes.h"

namespace cairn::llm {

QString kindToString(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAi:
        return QStringLiteral("openai");
    case ProviderKind::Ollama:
        return QStringLiteral("ollama");
    case ProviderKind::Anthropic:
        return QStringLiteral("anthropic");
    }
    return {};
}

std::optional<ProviderKind> kindFromString(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QStringLiteral("openai"))
        return ProviderKind::OpenAi;
    if (t == QStringLiteral("ollama"))
        return ProviderKind::Ollama;
    if (t == QStringLiteral("anthropic"))
        return ProviderKind::Anthropic;
    return std::nullopt;
}

bool ProviderConfig::isAzure() const
{
    return kind == ProviderKind::OpenAi
        && (!azureApiVersion.isEmpty() || baseUrl.host().endsWith(QStringLiteral(".openai.azure.com"))
            || baseUrl.host().endsWith(QStringLiteral(".cognitiveservices.azure.com")));
}

QString ChatMessage::roleName(Role role)
{
    switch (role) {
    case Role::System:
        return QStringLiteral("system");
    case Role::User:
        return QStringLiteral("user");
    case Role::Assistant:
        return QStringLiteral("assistant");
    }
    return {};
}

QString LlmError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::BadKey:
        return QStringLiteral("bad-key");
    case Kind::ModelNotFound:
        return QStringLiteral("model-not-found");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::ContextTooLong:
        return QStringLiteral("context-too-long");
    case Kind::BadRequest:
        return QStringLiteral("bad-request");
    case Kind::ServerError:
        return QStringLiteral("server-error");
    case Kind::Unreachable:
        return QStringLiteral("unreachable");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::BadResponse:
        return QStringLiteral("bad-response");
    case Kind::Redirect:
        return QStringLiteral("redirect");
    case Kind::Unsupported:
        return QStringLiteral("unsupported");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace cairn::llm
