--[[
  A replication barrier for events already in a hall's stream (a retry answered from them): makes
  this connection's latest write one that comes after them, so a WAIT that follows covers them.

  KEYS[1]  stream   qms:{hall}:events:<day>
  KEYS[2]  marker   qms:{hall}:confirmed   a throw-away key in the hall's slot, written to be replicated

  ARGV[1]  version the caller answers from

  Returns  the stream's current version; the marker is written only when that is >= ARGV[1]
           (else the events are gone — a failover lost them — and there is nothing to confirm).
]]
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local current = 0
if #last > 0 then
  current = tonumber(string.match(last[1][1], '^(%d+)'))
end
if current >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], ARGV[1], 'PX', 60000)
end
return current
