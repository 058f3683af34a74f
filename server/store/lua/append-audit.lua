--[[
  Appends records to the audit trail, only if its last record is at the expected place: the audit
  trail is a hash chain, so a record must follow exactly the one whose hash it carries.

  KEYS[1]  trail    qms:{audit}:trail   stream with entry id <seq>-0, field r = the record's text

  ARGV[1]  expected place of the last record (0: the trail is empty)
  ARGV[2…] the records' text, in order; record i takes place expected + i

  Returns  {1, lastSeq} when appended, {0, currentLastSeq} when another writer appended first.
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
local n = #ARGV - 1
for i = 1, n do
  redis.call('XADD', KEYS[1], (expected + i) .. '-0', 'r', ARGV[1 + i])
end
return {1, expected + n}
