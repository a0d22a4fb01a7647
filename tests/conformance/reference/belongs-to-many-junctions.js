// belongsToMany's junction tables as Sequelize 6.37.8 defines them, case by case: for each case
// the association's names and keys (ASSOC), the junction's options and attributes (JOPTS,
// JATTRS), every CREATE TABLE that sync({force: true}) sends, in order, and CREATE_ORDER; or
// THROWS with the error's class and message. Recorded as belongs-to-many-junctions-<dialect>.txt.
// usage: node belongs-to-many-junctions.js URL [case]
// On postgres:// and mariadb:// URLs, sequelize.query is replaced by a function that only logs,
// so that Sequelize's own query generator prints the DDL without a server (the tables are not
// created). tests/dialects/belongs_to_many_definitions_test.cpp defines the same cases in C++
// and requires the same CREATE TABLE statements.
'use strict';
// Edge cases of belongsToMany: prints association keys and the CREATE TABLE statements sync sends.
const { Sequelize, DataTypes } = require('sequelize');
const url = process.argv[2] || 'sqlite::memory:';
const only = process.argv[3];
const out = (label, v) => console.log(label, JSON.stringify(v));
const summary = (a) => ({ src: a.source.name, tgt: a.target.name, as: a.as, name: a.options.name, fk: a.foreignKey, ok: a.otherKey,
  sk: a.sourceKey, tk: a.targetKey, self: a.isSelfAssociation, paired: a.paired ? a.paired.as : null,
  through: a.through.model.name, table: a.through.model.tableName, get: a.accessors.get, add: a.accessors.add });
const jattrs = (M) => Object.fromEntries(Object.entries(M.rawAttributes).map(([k, a]) => [k, [a.field, a.type.toString(),
  a.primaryKey ? 'PK' : '', a.unique || '', a.allowNull === false ? 'NN' : '', a.references ? `${a.references.model}.${a.references.key}` : '',
  a.onDelete || '', a.onUpdate || ''].filter(Boolean).join(' ')]));
const cases = {
  throughTrue: (db, M) => M.Stories.belongsToMany(M.Tags, { through: true }),
  throughMissing: (db, M) => M.Stories.belongsToMany(M.Tags, {}),
  selfNoAs: (db, M) => M.Users.belongsToMany(M.Users, { through: 'Friendships' }),
  selfAs: (db, M) => M.Users.belongsToMany(M.Users, { through: 'Friendships', as: 'friends' }),
  selfAsPaired: (db, M) => [M.Users.belongsToMany(M.Users, { through: 'Friendships', as: 'friends' }),
    M.Users.belongsToMany(M.Users, { through: 'Friendships', as: 'befrienders' })],
  selfSameKeys: (db, M) => M.Users.belongsToMany(M.Users, { through: 'X', as: 'xs', foreignKey: 'uid', otherKey: 'uid' }),
  sameKeys: (db, M) => M.Stories.belongsToMany(M.Tags, { through: 'X', foreignKey: 'k', otherKey: 'k' }),
  asString: (db, M) => M.Stories.belongsToMany(M.Tags, { through: 'StoryTags', as: 'labels' }),
  singularModel: (db, M) => { const P = db.define('Person', {}); const G = db.define('Group', {}); return P.belongsToMany(G, { through: 'Memberships' }); },
  modelNoPkOne: (db, M) => M.Stories.belongsToMany(M.Tags, { through: db.define('ST', { weight: DataTypes.INTEGER }, { tableName: 'st' }) }),
  modelNoPkPaired: (db, M) => { const ST = db.define('ST', { weight: DataTypes.INTEGER }, { tableName: 'st' });
    return [M.Stories.belongsToMany(M.Tags, { through: ST }), M.Tags.belongsToMany(M.Stories, { through: ST })]; },
  modelDeclaredKeysPaired: (db, M) => { const ST = db.define('ST', { StoryId: DataTypes.INTEGER, TagId: DataTypes.INTEGER }, { tableName: 'st', timestamps: false });
    return [M.Stories.belongsToMany(M.Tags, { through: ST }), M.Tags.belongsToMany(M.Stories, { through: ST })]; },
  modelOwnPk: (db, M) => { const ST = db.define('ST', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } }, { tableName: 'st' });
    return [M.Stories.belongsToMany(M.Tags, { through: ST }), M.Tags.belongsToMany(M.Stories, { through: ST })]; },
  modelOwnPkNoUnique: (db, M) => { const ST = db.define('ST', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } }, { tableName: 'st' });
    return M.Stories.belongsToMany(M.Tags, { through: { model: ST, unique: false } }); },
  modelOwnPkUniqueKey: (db, M) => { const ST = db.define('ST', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } }, { tableName: 'st' });
    return M.Stories.belongsToMany(M.Tags, { through: ST, uniqueKey: 'my_unique' }); },
  stringPaired: (db, M) => [M.Stories.belongsToMany(M.Tags, { through: 'StoryTags' }), M.Tags.belongsToMany(M.Stories, { through: 'StoryTags' })],
  stringPairedKeys: (db, M) => [M.Stories.belongsToMany(M.Tags, { through: 'StoryTags', foreignKey: 'sid' }),
    M.Tags.belongsToMany(M.Stories, { through: 'StoryTags', foreignKey: 'tid' })],
  underscoredSource: (db, M) => { const S = db.define('Story', {}, { underscored: true }); const T = db.define('Tag', {}, { underscored: true });
    return [S.belongsToMany(T, { through: 'story_tags' }), T.belongsToMany(S, { through: 'story_tags' })]; },
  keysAsObjects: (db, M) => M.Stories.belongsToMany(M.Tags, { through: 'StoryTags', foreignKey: { name: 'sid', field: 'story_id' }, otherKey: { name: 'tid', field: 'tag_id', allowNull: false } }),
  sourceTargetKeys: (db, M) => { const S = db.define('S', { code: { type: DataTypes.STRING(20), unique: true } }); const T = db.define('T', { slug: { type: DataTypes.STRING(30), unique: true } });
    return S.belongsToMany(T, { through: 'ST', sourceKey: 'code', targetKey: 'slug' }); },
  uuidKeys: (db, M) => { const S = db.define('S', { id: { type: DataTypes.UUID, primaryKey: true } }); const T = db.define('T', { id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true } });
    return S.belongsToMany(T, { through: 'ST' }); },
  pairedSourceKeyFirst: (db, M) => { const U = db.define('U', { uuid: { type: DataTypes.STRING(36), unique: true } }, { timestamps: false });
    const G = db.define('G', { slug: { type: DataTypes.STRING(20), unique: true } }, { timestamps: false });
    return [U.belongsToMany(G, { through: 'UG', sourceKey: 'uuid' }), G.belongsToMany(U, { through: 'UG' })]; },
  pairedSourceKeySecond: (db, M) => { const U = db.define('U', { uuid: { type: DataTypes.STRING(36), unique: true } }, { timestamps: false });
    const G = db.define('G', { slug: { type: DataTypes.STRING(20), unique: true } }, { timestamps: false });
    return [U.belongsToMany(G, { through: 'UG' }), G.belongsToMany(U, { through: 'UG', sourceKey: 'slug' })]; },
  noConstraints: (db, M) => M.Stories.belongsToMany(M.Tags, { through: 'StoryTags', constraints: false }),
  onDeleteOpt: (db, M) => [M.Stories.belongsToMany(M.Tags, { through: 'StoryTags', onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
    M.Tags.belongsToMany(M.Stories, { through: 'StoryTags', onDelete: 'SET NULL' })],
  noTimestamps: (db, M) => M.Stories.belongsToMany(M.Tags, { through: 'StoryTags', timestamps: false }),
  paranoidThrough: (db, M) => M.Stories.belongsToMany(M.Tags, { through: { model: 'StoryTags', paranoid: true } }),
  sourceOptsLeak: (db, M) => { const S = db.define('S', {}, { createdAt: 'created_at', updatedAt: false, timestamps: false, paranoid: true, tableName: 'sss', freezeTableName: true });
    const T = db.define('T', {}); return S.belongsToMany(T, { through: 'ST' }); },
  predefinedByName: (db, M) => { db.define('StoryTags', { note: DataTypes.STRING }, { tableName: 'story_tags', timestamps: false });
    return M.Stories.belongsToMany(M.Tags, { through: 'StoryTags' }); },
  throughModelObj: (db, M) => M.Stories.belongsToMany(M.Tags, { through: { model: 'StoryTags' } }),
  dupAlias: (db, M) => [M.Stories.belongsToMany(M.Tags, { through: 'A', as: 'tags' }), M.Stories.belongsToMany(M.Tags, { through: 'B', as: 'tags' })],
  collision: (db, M) => { const S = db.define('S', { Ts: DataTypes.STRING }); const T = db.define('T', {}); return S.belongsToMany(T, { through: 'ST' }); },
  reference: (db, M) => {
    const Stories = db.define('Stories', { story_id: { type: DataTypes.INTEGER.UNSIGNED, primaryKey: true, autoIncrement: true } }, { tableName: 'stories', timestamps: false });
    const Tags = db.define('Tags', { tag_id: { type: DataTypes.INTEGER.UNSIGNED, primaryKey: true, autoIncrement: true } }, { tableName: 'tags', timestamps: false });
    const StoryTags = db.define('StoryTags', { story_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false }, tag_id: { type: DataTypes.INTEGER.UNSIGNED, allowNull: false },
      weight: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 } }, { tableName: 'story_tags', timestamps: false });
    return [Stories.belongsToMany(Tags, { through: StoryTags, foreignKey: 'story_id', otherKey: 'tag_id', as: 'tags' }),
      Tags.belongsToMany(Stories, { through: StoryTags, foreignKey: 'tag_id', otherKey: 'story_id', as: 'stories' })];
  },
};
(async () => {
  for (const [name, fn] of Object.entries(cases)) {
    if (only && only !== name) continue;
    const log = [];
    const db = new Sequelize(url, { logging: (sql) => log.push(sql) });
    const M = { Stories: db.define('Stories', {}), Tags: db.define('Tags', {}), Users: db.define('Users', {}) };
    console.log(`=== ${name}`);
    let as;
    try { as = [].concat(fn(db, M)); } catch (e) { console.log('THROWS', e.constructor.name, e.message); await db.close(); continue; }
    for (const a of as) out('ASSOC', summary(a));
    const J = as[0].through.model;
    out('JOPTS', { timestamps: J.options.timestamps, paranoid: J.options.paranoid, underscored: J.options.underscored, createdAt: J.options.createdAt, updatedAt: J.options.updatedAt, freeze: J.options.freezeTableName, pk: J.primaryKeyAttributes, uniqueKeys: Object.keys(J.uniqueKeys) });
    out('JATTRS', jattrs(J));
    if (!url.startsWith('sqlite')) {
      db.query = async (sql) => { log.push(`Executing (default): ${sql}`); return []; };
    }
    try { await db.sync({ force: true }); } catch (e) { console.log('SYNCERR', e.message); }
    for (const l of log) if (/CREATE TABLE/.test(l)) console.log(l);
    out('CREATE_ORDER', log.filter((l) => /CREATE TABLE/.test(l)).map((l) => l.match(/EXISTS [`"]([^`"]+)/)[1]));
    await db.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
