#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace cairn {

// Broad classes of failure that callers branch on; the message is for people.
enum class ErrorCode {
    Generic,
    NotFound,
    AlreadyExists,
    Unavailable, // a service (keychain, network) is not there
    AccessDenied, // the user or the OS refused
    WrongKey, // wrong passphrase, or not a Cairn database
    NewerSchema, // the database was written by a newer Cairn
    Corrupt, // integrity checks failed
    Io, // files, disks, permissions
    Timeout,
    Cancelled,
    Interrupted, // an operation stopped half-way; the next unlock finishes or undoes it
    InvalidArgument,
};

struct Error {
    ErrorCode code = ErrorCode::Generic;
    QString message;
    int nativeCode = 0; // e.g. the SQLite extended result code

    static Error make(ErrorCode c, QString msg, int native = 0) { return Error {c, std::move(msg), native}; }
};

// A value or an Error (C++20 has no std::expected yet).
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) { } // NOLINT(google-explicit-constructor)
    Result(Error error) : m_error(std::move(error)) { } // NOLINT(google-explicit-constructor)

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    T value_or(T fallback) const { return m_value ? *m_value : std::move(fallback); }
    const T &operator*() const & { return *m_value; }
    T &operator*() & { return *m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) { } // NOLINT(google-explicit-constructor)

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

} // namespace cairn
