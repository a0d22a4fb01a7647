#include "dialects/mariadb/mariadb_settings.hpp"

#include <cctype>
#include <charconv>
#include <string_view>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

constexpr std::string_view kAccepted =
    "connectTimeout, charset, socketPath, ssl-mode, ssl-ca, ssl-capath, ssl-cert, ssl-key, "
    "ssl-cipher, ssl-crl, ssl-crlpath";

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

unsigned int timeoutSeconds(const std::string& value) {
  unsigned long long ms = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
  if (ec != std::errc{} || ptr != value.data() + value.size() || ms == 0 ||
      ms > 24ULL * 3600 * 1000) {
    throw Error(
        "Invalid database URL: connectTimeout must be a number of milliseconds from 1 to "
        "86400000, not \"" +
        value + "\"");
  }
  return static_cast<unsigned int>((ms + 999) / 1000);
}

MariaDbSslMode sslMode(const std::string& value) {
  const std::string mode = upper(value);
  if (mode == "DISABLED") return MariaDbSslMode::Disabled;
  if (mode == "REQUIRED") return MariaDbSslMode::Required;
  if (mode == "VERIFY_CA") return MariaDbSslMode::VerifyCa;
  if (mode == "VERIFY_IDENTITY") return MariaDbSslMode::VerifyIdentity;
  throw Error(
      "Invalid database URL: ssl-mode must be DISABLED, REQUIRED, VERIFY_CA or "
      "VERIFY_IDENTITY, not \"" +
      value + "\"");
}

void checkCharset(const std::string& value) {
  const bool plain =
      !value.empty() && value.size() <= 32 &&
      value.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
  if (!plain) {
    throw Error(
        "Invalid database URL: charset must be a character set name such as utf8mb4, "
        "not \"" +
        value + "\"");
  }
}

}  // namespace

MariaDbSettings readMariaDbSettings(const ConnectionConfig& config) {
  MariaDbSettings s;
  s.host = config.host;
  if (config.port > 0) s.port = static_cast<unsigned int>(config.port);
  s.user = config.user;
  s.password = config.password;
  s.database = config.database;
  std::optional<MariaDbSslMode> mode;
  bool sslFiles = false;
  for (const auto& [key, value] : config.params) {
    if (key == "connectTimeout") {
      s.connectTimeoutSeconds = timeoutSeconds(value);
    } else if (key == "charset") {
      checkCharset(value);
      s.charset = value;
    } else if (key == "socketPath") {
      s.socketPath = value;
    } else if (key == "ssl-mode") {
      mode = sslMode(value);
    } else if (key.starts_with("ssl-")) {
      std::string* target = nullptr;
      if (key == "ssl-ca")
        target = &s.sslCa;
      else if (key == "ssl-capath")
        target = &s.sslCaPath;
      else if (key == "ssl-cert")
        target = &s.sslCert;
      else if (key == "ssl-key")
        target = &s.sslKey;
      else if (key == "ssl-cipher")
        target = &s.sslCipher;
      else if (key == "ssl-crl")
        target = &s.sslCrl;
      else if (key == "ssl-crlpath")
        target = &s.sslCrlPath;
      if (target == nullptr) {
        throw Error("Invalid database URL: unknown parameter \"" + key +
                    "\" for mariadb (accepted: " + std::string(kAccepted) + ")");
      }
      *target = value;
      sslFiles = true;
    } else {
      throw Error("Invalid database URL: unknown parameter \"" + key +
                  "\" for mariadb (accepted: " + std::string(kAccepted) + ")");
    }
  }
  if (mode) {
    s.sslMode = *mode;
  } else if (sslFiles) {
    // As the mysql client: naming a CA means checking against it; other files only ask for TLS.
    s.sslMode = s.sslCa.empty() && s.sslCaPath.empty() ? MariaDbSslMode::Required
                                                       : MariaDbSslMode::VerifyCa;
  }
  if (s.sslMode == MariaDbSslMode::Disabled && sslFiles) {
    throw Error("Invalid database URL: ssl-mode=DISABLED contradicts the ssl-* files given");
  }
  return s;
}

}  // namespace sequelize::detail
