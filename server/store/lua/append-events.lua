--[[
  Appends events to a hall's stream for one day, only if the stream is at the expected version.

  KEYS[1]  stream   qms:{hall}:events:<day>   entries with id <version>-0, field e = event JSON
  KEYS[2]  days     qms:{hall}:days           set of days that have events (added by the day's
                                             first append, the one at expected version 0: this
                                             script is atomic, so the stream never exists without it)

  ARGV[1]  expected version (the caller's view of the stream's last version)
  ARGV[2]  day (YYYY-MM-DD), added to KEYS[2]
  ARGV[3]  channel to publish "<hall> <day> <version>" on after an append
  ARGV[4]  hall id
  ARGV[5…] event JSON, in order; event i gets version expected + i

  Returns  {1, newVersion} when appended, {0, currentVersion} on a version conflict.
]]
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local current = 0
if #last > 0 then
  current = tonumber(string.match(last[1][1], '^(%d+)'))
end
local expected = tonumber(ARGV[1])
if current ~= expected then
  return {0, current}
end
local n = #ARGV - 4
for i = 1, n do
  redis.call('XADD', KEYS[1], (expected + i) .. '-0', 'e', ARGV[4 + i])
end
if expected == 0 then
  redis.call('SADD', KEYS[2], ARGV[2])
end
redis.call('PUBLISH', ARGV[3], ARGV[4] .. ' ' .. ARGV[2] .. ' ' .. (expected + n))
return {1, expected + n}
