#pragma once
// sequelize-cpp: Sequelize's model API for C++ programs, on SQLite, PostgreSQL and MariaDB.
#include "sequelize/association.hpp"
#include "sequelize/data_types.hpp"
#include "sequelize/database.hpp"
#include "sequelize/date.hpp"
#include "sequelize/errors.hpp"
#include "sequelize/instance.hpp"
#include "sequelize/model.hpp"
#include "sequelize/options.hpp"
#include "sequelize/transaction.hpp"
#include "sequelize/value.hpp"
#include "sequelize/where.hpp"
