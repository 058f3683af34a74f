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
local index = {}
for n = 1, #KEYS - 2 do
  local doc = KEYS[2 + n]
  local key = ARGV[2 + 2 * n]
  local value = ARGV[3 + 2 * n]
  if redis.call('EXISTS', doc) == 1 then
    created[n] = 0
  else
    redis.call('HSET', doc, 'version', 1, 'value', value)
    redis.call('XADD', KEYS[2], '*', 'key', key, 'version', 1, 'by', ARGV[1], 'at', ARGV[2], 'after', value)
    index[#index + 1] = 0
    index[#index + 1] = key
    created[n] = 1
  end
end
-- The index in one command for the slice (a province's 65,000 documents: a few hundred ZADDs, not 65,000).
if #index > 0 then redis.call('ZADD', KEYS[1], unpack(index)) end
for n = 1, #KEYS - 2 do
  if created[n] == 1 then redis.call('PUBLISH', ARGV[3], '1 ' .. ARGV[2 + 2 * n]) end
end
return created
