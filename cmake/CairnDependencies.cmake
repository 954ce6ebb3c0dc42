# Finds every dependency; a missing one stops configuration with a message that names the package
# and the script that installs it.
set(_cairn_install_hint
  "Run scripts/install-deps.sh (Debian 12 / Ubuntu 24.04) or build with the vcpkg.json manifest (Windows, macOS).")

function(cairn_require found what)
  if(NOT ${found})
    message(FATAL_ERROR "Cairn needs ${what}, which was not found. ${_cairn_install_hint}")
  endif()
endfunction()

find_package(Qt6 6.4 QUIET COMPONENTS Core Gui Widgets Sql Network Svg Concurrent Test LinguistTools)
foreach(_c Core Gui Widgets Sql Network Svg Concurrent Test LinguistTools)
  cairn_require(Qt6${_c}_FOUND "Qt 6 ${_c} (Debian: qt6-base-dev, qt6-svg-dev, qt6-tools-dev, qt6-l10n-tools)")
endforeach()

find_package(Qt6Keychain QUIET)
cairn_require(Qt6Keychain_FOUND "QtKeychain for Qt 6 (Debian: qtkeychain-qt6-dev)")

find_package(spdlog 1.10 QUIET)
cairn_require(spdlog_FOUND "spdlog >= 1.10 (Debian: libspdlog-dev)")

find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(SQLCIPHER QUIET IMPORTED_TARGET sqlcipher)
endif()
if(NOT SQLCIPHER_FOUND)
  # vcpkg and Homebrew layouts without a .pc file
  find_path(SQLCIPHER_INCLUDE_DIR sqlite3.h PATH_SUFFIXES sqlcipher)
  find_library(SQLCIPHER_LIBRARY NAMES sqlcipher libsqlcipher)
  if(SQLCIPHER_INCLUDE_DIR AND SQLCIPHER_LIBRARY)
    add_library(PkgConfig::SQLCIPHER UNKNOWN IMPORTED)
    set_target_properties(PkgConfig::SQLCIPHER PROPERTIES IMPORTED_LOCATION "${SQLCIPHER_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${SQLCIPHER_INCLUDE_DIR}")
    set(SQLCIPHER_FOUND TRUE)
    set(SQLCIPHER_INCLUDE_DIRS "${SQLCIPHER_INCLUDE_DIR}")
    set(SQLCIPHER_LINK_LIBRARIES "${SQLCIPHER_LIBRARY}")
    file(STRINGS "${SQLCIPHER_INCLUDE_DIR}/sqlite3.h" _v REGEX "^#define SQLITE_VERSION +\"")
    string(REGEX MATCH "[0-9.]+" SQLCIPHER_VERSION "${_v}")
  endif()
endif()
cairn_require(SQLCIPHER_FOUND "SQLCipher >= 4.5 (Debian 12: libsqlcipher-dev from bookworm-backports)")
# The pkg-config version is the SQLite baseline (SQLCipher 4.5.0 is based on SQLite 3.36.0); the
# SQLCipher version itself and FTS5 are checked at run time (SqlCipherDriver::runtimeProblem).
include(CheckSymbolExists)
set(CMAKE_REQUIRED_INCLUDES ${SQLCIPHER_INCLUDE_DIRS})
set(CMAKE_REQUIRED_DEFINITIONS -DSQLITE_HAS_CODEC)
set(CMAKE_REQUIRED_LIBRARIES ${SQLCIPHER_LINK_LIBRARIES})
check_symbol_exists(sqlite3_rekey_v2 "sqlite3.h" CAIRN_HAVE_SQLCIPHER_REKEY)
unset(CMAKE_REQUIRED_INCLUDES)
unset(CMAKE_REQUIRED_DEFINITIONS)
unset(CMAKE_REQUIRED_LIBRARIES)
cairn_require(CAIRN_HAVE_SQLCIPHER_REKEY "SQLCipher's codec API (sqlite3_key_v2/sqlite3_rekey_v2)")
if(SQLCIPHER_VERSION VERSION_LESS 3.45)
  message(FATAL_ERROR "Cairn needs SQLCipher >= 4.6 (SQLite baseline >= 3.45); found baseline ${SQLCIPHER_VERSION}. ${_cairn_install_hint}")
endif()
# Knowledge bases: PDF text (poppler-qt6), .docx archives (libzip), approximate vector search
# (hnswlib, header-only).
if(PKG_CONFIG_FOUND)
  pkg_check_modules(POPPLER_QT6 QUIET IMPORTED_TARGET poppler-qt6)
endif()
cairn_require(POPPLER_QT6_FOUND "poppler-qt6 (Debian: libpoppler-qt6-dev)")
# Debian's libzip CMake package names tools that libzip-dev does not ship: pkg-config first.
if(PKG_CONFIG_FOUND)
  pkg_check_modules(LIBZIP QUIET IMPORTED_TARGET libzip)
endif()
if(LIBZIP_FOUND)
  add_library(cairn_libzip ALIAS PkgConfig::LIBZIP)
else()
  find_package(libzip QUIET)
  cairn_require(libzip_FOUND "libzip (Debian: libzip-dev)")
  add_library(cairn_libzip ALIAS libzip::zip)
endif()
find_path(HNSWLIB_INCLUDE_DIR hnswlib/hnswlib.h)
cairn_require(HNSWLIB_INCLUDE_DIR "hnswlib (Debian: libhnswlib-dev)")

message(STATUS "Cairn: Qt ${Qt6_VERSION}, QtKeychain ${Qt6Keychain_VERSION}, spdlog ${spdlog_VERSION}, SQLCipher (SQLite ${SQLCIPHER_VERSION})")
