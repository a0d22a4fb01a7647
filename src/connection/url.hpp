#pragma once
// Database URLs, read as Sequelize reads them:
//   sqlite::memory:            an in-memory database
//   sqlite:relative/file.db    a file (created when missing), relative to the working directory
//   sqlite:/abs/file.db  sqlite:///abs/file.db  sqlite://dir/file.db
//   postgres://user:pass@host:5432/db?sslmode=disable   (also postgresql://)
//   postgres:host=127.0.0.1 port=5432 dbname=db user=me password=secret   (libpq's keyword/value
//                                                                         form)
//   mariadb://user:pass@host:3306/db?connectTimeout=5000  (also mysql://; see README)
#include <string_view>

#include "dialects/dialect.hpp"

namespace sequelize::detail {

// Throws sequelize::Error naming what is wrong (the password is never repeated).
ConnectionConfig parseUrl(std::string_view url);

}  // namespace sequelize::detail
