--[[
  Creates many configuration documents at once (seeding at start): each one that does not exist
  yet is written at version 1, its change recorded and every node told, exactly as write-doc.lua
  with expected version 0 would; one that exists is left alone.

  KEYS[1]    index    qms:{config}:docs        sorted set of document keys
  KEYS[2]    changes  qms:{config}:changes     stream of changes
  KEYS[2+n]  doc      qms:{config}:doc:<key>   the n-th document's hash

  ARGV[1]      who (account id)
  ARGV[2]      when (epoch ms)
  ARGV[3]      channel to publish "<version> <key>" on after each write
  ARGV[2+2n]   the n-th document key
  ARGV[3+2n]   the n-th new value (JSON text)

  Returns  for each document, 1 when created, 0 when it existed.
]]
local created = {}
for n = 1, #KEYS - 2 do
  local doc = KEYS[2 + n]
  local key = ARGV[2 + 2 * n]
  local value = ARGV[3 + 2 * n]
  if redis.call('HGET', doc, 'version') then
    created[n] = 0
  else
    redis.call('HSET', doc, 'version', 1, 'value', value)
    redis.call('ZADD', KEYS[1], 0, key)
    redis.call('XADD', KEYS[2], '*', 'key', key, 'version', 1, 'by', ARGV[1], 'at', ARGV[2], 'after', value)
    redis.call('PUBLISH', ARGV[3], '1 ' .. key)
    created[n] = 1
  end
end
return created
