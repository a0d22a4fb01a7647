#include "dialects/sqlite/sqlite_errors.hpp"

#include <string_view>
#include <vector>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// "UNIQUE constraint failed: users.email, users.name" -> {"email", "name"}. Only the column
// list is read from the message: which error it is comes from the result code.
std::vector<std::string> uniqueFields(std::string_view message) {
  std::vector<std::string> fields;
  const std::size_t colon = message.find(": ");
  if (colon == std::string_view::npos) return fields;
  std::string_view list = message.substr(colon + 2);
  while (!list.empty()) {
    const std::size_t comma = list.find(", ");
    std::string_view item = list.substr(0, comma);
    const std::size_t dot = item.rfind('.');
    if (dot != std::string_view::npos) item = item.substr(dot + 1);
    fields.emplace_back(item);
    if (comma == std::string_view::npos) break;
    list = list.substr(comma + 2);
  }
  return fields;
}

}  // namespace

const char* sqlitePrimaryCodeName(int code) {
  switch (code & 0xFF) {
    case SQLITE_ERROR:
      return "SQLITE_ERROR";
    case SQLITE_INTERNAL:
      return "SQLITE_INTERNAL";
    case SQLITE_PERM:
      return "SQLITE_PERM";
    case SQLITE_ABORT:
      return "SQLITE_ABORT";
    case SQLITE_BUSY:
      return "SQLITE_BUSY";
    case SQLITE_LOCKED:
      return "SQLITE_LOCKED";
    case SQLITE_NOMEM:
      return "SQLITE_NOMEM";
    case SQLITE_READONLY:
      return "SQLITE_READONLY";
    case SQLITE_INTERRUPT:
      return "SQLITE_INTERRUPT";
    case SQLITE_IOERR:
      return "SQLITE_IOERR";
    case SQLITE_CORRUPT:
      return "SQLITE_CORRUPT";
    case SQLITE_NOTFOUND:
      return "SQLITE_NOTFOUND";
    case SQLITE_FULL:
      return "SQLITE_FULL";
    case SQLITE_CANTOPEN:
      return "SQLITE_CANTOPEN";
    case SQLITE_PROTOCOL:
      return "SQLITE_PROTOCOL";
    case SQLITE_SCHEMA:
      return "SQLITE_SCHEMA";
    case SQLITE_TOOBIG:
      return "SQLITE_TOOBIG";
    case SQLITE_CONSTRAINT:
      return "SQLITE_CONSTRAINT";
    case SQLITE_MISMATCH:
      return "SQLITE_MISMATCH";
    case SQLITE_MISUSE:
      return "SQLITE_MISUSE";
    case SQLITE_NOLFS:
      return "SQLITE_NOLFS";
    case SQLITE_AUTH:
      return "SQLITE_AUTH";
    case SQLITE_RANGE:
      return "SQLITE_RANGE";
    case SQLITE_NOTADB:
      return "SQLITE_NOTADB";
    default:
      return "SQLITE_UNKNOWN";
  }
}

void throwSqliteError(sqlite3* db, int extendedCode, const std::string& sql,
                      std::span<const Value* const> params) {
  const std::string nativeMessage =
      db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(extendedCode);
  DatabaseErrorDetails details;
  details.sql = sql;
  for (const Value* p : params) details.parameters.push_back(*p);
  details.original = nativeMessage;
  details.code = sqlitePrimaryCodeName(extendedCode);
  details.errnoValue = extendedCode;
  const std::string message = details.code + ": " + nativeMessage;

  switch (extendedCode) {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      throw ForeignKeyConstraintError(message, std::move(details), {}, {}, "parent");
    case SQLITE_CONSTRAINT_TRIGGER:
      // ON DELETE / ON UPDATE RESTRICT fails as SQLite's built-in trigger, with the same
      // message as any foreign key failure (Sequelize classifies SQLite errors by that message).
      if (nativeMessage == "FOREIGN KEY constraint failed") {
        throw ForeignKeyConstraintError(message, std::move(details), {}, {}, "child");
      }
      break;
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: {
      std::vector<std::string> fields = uniqueFields(nativeMessage);
      std::vector<ValidationErrorItem> items;
      for (const std::string& f : fields) {
        ValidationErrorItem item;
        item.message = f + " must be unique";
        item.type = "unique violation";
        item.path = f;
        item.origin = "DB";
        item.validatorKey = "not_unique";
        items.push_back(std::move(item));
      }
      throw UniqueConstraintError("Validation error", std::move(items), std::move(fields),
                                  std::move(details));
    }
    default:
      break;
  }
  switch (extendedCode & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw TimeoutError(message, std::move(details), true);
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
      throw ConnectionError(message, nativeMessage);
    default:
      throw DatabaseError(message, std::move(details));
  }
}

}  // namespace sequelize::detail
