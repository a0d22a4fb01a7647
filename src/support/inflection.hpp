#pragma once
// English inflection with the rules Sequelize uses (its `inflection` dependency): table names
// are the plural of model names (Person -> People), default aliases the singular (Stories ->
// Story); camelize / underscore as Sequelize's Utils do.
#include <string>
#include <string_view>

namespace sequelize::detail {

std::string pluralize(std::string_view word);
std::string singularize(std::string_view word);
// Sequelize's Utils.camelize: "user_id" -> "userId", "User_user_id" -> "UserUserId".
std::string camelize(std::string_view text);
// inflection.underscore: "createdAt" -> "created_at", "UserId" -> "user_id".
std::string underscore(std::string_view text);
// lodash upperFirst.
std::string upperFirst(std::string_view text);

}  // namespace sequelize::detail
