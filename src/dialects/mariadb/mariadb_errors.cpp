#include "dialects/mariadb/mariadb_errors.hpp"

#include <errmsg.h>
#include <mysqld_error.h>

#include <optional>
#include <string_view>
#include <vector>

#include "sequelize/errors.hpp"

namespace sequelize::detail {
namespace {

// MySQL 8 tells a client it is about to close an idle connection (ER_CLIENT_INTERACTION_TIMEOUT).
constexpr unsigned int kClientInteractionTimeout = 4031;

struct DuplicateEntry {
  std::string value;
  std::string key;
};

// "Duplicate entry 'a@x' for key 'email'": the value may itself hold quotes, the key name is
// what follows the last "' for key '".
std::optional<DuplicateEntry> duplicateEntry(std::string_view message) {
  constexpr std::string_view head = "Duplicate entry '";
  constexpr std::string_view middle = "' for key '";
  const std::size_t start = message.find(head);
  const std::size_t mid = message.rfind(middle);
  if (start == std::string_view::npos || mid == std::string_view::npos ||
      mid < start + head.size()) {
    return std::nullopt;
  }
  std::string_view key = message.substr(mid + middle.size());
  if (key.ends_with('\'')) key.remove_suffix(1);
  return DuplicateEntry{std::string(message.substr(start + head.size(), mid - start - head.size())),
                        std::string(key)};
}

struct ForeignKeyDetails {
  std::vector<std::string> fields;
  std::string table;
};

// "… CONSTRAINT `Cs_ibfk_1` FOREIGN KEY (`PId`) REFERENCES `Ps` (`id`) …"
ForeignKeyDetails foreignKeyDetails(std::string_view message) {
  ForeignKeyDetails out;
  constexpr std::string_view fkHead = "FOREIGN KEY (`";
  constexpr std::string_view refHead = "`) REFERENCES `";
  const std::size_t fk = message.find(fkHead);
  if (fk == std::string_view::npos) return out;
  const std::size_t ref = message.find(refHead, fk);
  if (ref == std::string_view::npos) return out;
  std::string_view list = message.substr(fk + fkHead.size(), ref - fk - fkHead.size());
  while (true) {
    const std::size_t sep = list.find("`, `");
    out.fields.emplace_back(list.substr(0, sep));
    if (sep == std::string_view::npos) break;
    list.remove_prefix(sep + 4);
  }
  const std::string_view rest = message.substr(ref + refHead.size());
  out.table = std::string(rest.substr(0, rest.find('`')));
  return out;
}

DatabaseErrorDetails detailsOf(const MariaDbFailure& f, const std::string& sql,
                               std::span<const Value* const> params) {
  DatabaseErrorDetails details;
  details.sql = sql;
  for (const Value* p : params) details.parameters.push_back(*p);
  details.original = f.message;
  details.code = std::to_string(f.number);
  details.errnoValue = static_cast<int>(f.number);
  return details;
}

}  // namespace

bool isConnectionLoss(unsigned int number) {
  switch (number) {
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_SERVER_LOST_EXTENDED:
    case CR_COMMANDS_OUT_OF_SYNC:
    case CR_ERR_NET_READ:
    case CR_ERR_NET_WRITE:
    case ER_CONNECTION_KILLED:
    case ER_SERVER_SHUTDOWN:
    case kClientInteractionTimeout:
      return true;
    default:
      return false;
  }
}

void throwMariaDbStatementError(const MariaDbFailure& f, const std::string& sql,
                                std::span<const Value* const> params) {
  if (isConnectionLoss(f.number)) throw ConnectionError(f.message, f.message);
  switch (f.number) {
    case ER_DUP_ENTRY:
    case ER_DUP_ENTRY_WITH_KEY_NAME: {
      // As Sequelize: the field is the index's name (a single-column index is named after its
      // column), the value the one the server quotes.
      std::vector<std::string> fields;
      std::vector<ValidationErrorItem> items;
      if (const auto entry = duplicateEntry(f.message)) {
        ValidationErrorItem item;
        item.message = entry->key + " must be unique";
        item.type = "unique violation";
        item.path = entry->key;
        item.value = Value(entry->value);
        item.origin = "DB";
        item.validatorKey = "not_unique";
        items.push_back(std::move(item));
        fields.push_back(entry->key);
      }
      throw UniqueConstraintError("Validation error", std::move(items), std::move(fields),
                                  detailsOf(f, sql, params));
    }
    case ER_ROW_IS_REFERENCED:
    case ER_ROW_IS_REFERENCED_2:
    case ER_NO_REFERENCED_ROW:
    case ER_NO_REFERENCED_ROW_2: {
      // Sequelize's reltype: "parent" when the row is still referenced, "child" when the row
      // written references nothing.
      const bool referenced =
          f.number == ER_ROW_IS_REFERENCED || f.number == ER_ROW_IS_REFERENCED_2;
      ForeignKeyDetails fk = foreignKeyDetails(f.message);
      throw ForeignKeyConstraintError(f.message, detailsOf(f, sql, params), std::move(fk.fields),
                                      std::move(fk.table), referenced ? "parent" : "child");
    }
    case ER_LOCK_DEADLOCK:
    case ER_LOCK_WAIT_TIMEOUT:
    case ER_USER_LOCK_DEADLOCK:
      // The transaction may be tried again from the start (after a deadlock MariaDB has already
      // rolled it back).
      throw DatabaseError(f.message, detailsOf(f, sql, params), true);
    case ER_STATEMENT_TIMEOUT:  // max_statement_time ran out
      throw TimeoutError(f.message, detailsOf(f, sql, params));
    case ER_BAD_NULL_ERROR:  // NOT NULL refused by the server: a plain DatabaseError, as Sequelize
    default:
      throw DatabaseError(f.message, detailsOf(f, sql, params));
  }
}

void throwMariaDbConnectError(const MariaDbFailure& f) {
  switch (f.number) {
    case ER_ACCESS_DENIED_ERROR:
    case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
    case ER_DBACCESS_DENIED_ERROR:
      throw AccessDeniedError(f.message, f.message);
    case CR_UNKNOWN_HOST:
      throw HostNotFoundError(f.message, f.message);
    // ER_BAD_DB_ERROR's message names the database: "Unknown database 'x'".
    case ER_BAD_DB_ERROR:
    default:
      throw ConnectionError(f.message, f.message);
  }
}

}  // namespace sequelize::detail
