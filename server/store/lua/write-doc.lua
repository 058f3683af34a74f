--[[
  Writes a configuration document only if it is at the expected version, records the change and
  tells every node, all in one step (two nodes editing one hall can never both win).

  KEYS[1]  doc      qms:{config}:doc:<key>   hash: version, value
  KEYS[2]  index    qms:{config}:docs        sorted set of document keys (score 0, ordered by key)
  KEYS[3]  changes  qms:{config}:changes     stream of changes: key, version, by, at, before, after

  ARGV[1]  document key
  ARGV[2]  expected version (0: the document must not exist)
  ARGV[3]  new value (JSON text)
  ARGV[4]  who (account id)
  ARGV[5]  when (epoch ms)
  ARGV[6]  channel to publish "<version> <key>" on after a write

  Returns  {1, newVersion} when written, {0, currentVersion} on a version conflict.
]]
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
local expected = tonumber(ARGV[2])
if current ~= expected then
  return {0, current}
end
local before = redis.call('HGET', KEYS[1], 'value')
local version = current + 1
redis.call('HSET', KEYS[1], 'version', version, 'value', ARGV[3])
redis.call('ZADD', KEYS[2], 0, ARGV[1])
local fields = {'key', ARGV[1], 'version', version, 'by', ARGV[4], 'at', ARGV[5], 'after', ARGV[3]}
if before then
  table.insert(fields, 'before')
  table.insert(fields, before)
end
redis.call('XADD', KEYS[3], '*', unpack(fields))
redis.call('PUBLISH', ARGV[6], version .. ' ' .. ARGV[1])
return {1, version}
