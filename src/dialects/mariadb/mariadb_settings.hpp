#pragma once
// What a mariadb:// (or mysql://) URL asks of a connection, checked once when the Sequelize
// object is made, so that a misspelt parameter is an error before anything connects.
//
//   connectTimeout=5000   milliseconds to wait for the server (the name Sequelize's MariaDB
//                         connector uses; rounded up to whole seconds, the driver's unit)
//   charset=utf8mb4       connection character set (default utf8mb4: 4-byte UTF-8 included)
//   socketPath=/run/…     a Unix socket instead of TCP to host:port
//   ssl-mode=DISABLED|REQUIRED|VERIFY_CA|VERIFY_IDENTITY
//   ssl-ca, ssl-capath, ssl-cert, ssl-key, ssl-cipher, ssl-crl, ssl-crlpath   files for TLS
#include <optional>
#include <string>

#include "dialects/dialect.hpp"

namespace sequelize::detail {

enum class MariaDbSslMode {
  Disabled,        // plain TCP (the default when no ssl parameter is given)
  Required,        // TLS, the server's certificate is not checked
  VerifyCa,        // TLS, the certificate must chain to ssl-ca / ssl-capath
  VerifyIdentity,  // as VerifyCa, and it must name the host
};

struct MariaDbSettings {
  std::string host;
  unsigned int port = 3306;
  std::string user;
  std::string password;
  std::string database;
  std::string socketPath;  // empty: TCP
  std::optional<unsigned int> connectTimeoutSeconds;
  std::string charset = "utf8mb4";
  MariaDbSslMode sslMode = MariaDbSslMode::Disabled;
  std::string sslCa;
  std::string sslCaPath;
  std::string sslCert;
  std::string sslKey;
  std::string sslCipher;
  std::string sslCrl;
  std::string sslCrlPath;
};

// Throws sequelize::Error naming an unknown parameter or a bad value.
MariaDbSettings readMariaDbSettings(const ConnectionConfig& config);

}  // namespace sequelize::detail
