--[[
  A counter in a time window (kiosk rate limits, per-number limits): one command instead of a
  MULTI / INCR / PEXPIRE / EXEC transaction, so it rides the connection's auto-pipeline with the
  requests around it (a ticket's hot path pays one round trip and no transaction for it).

  KEYS[1]  the counter
  ARGV[1]  the window, ms: the counter expires that long after its first hit (later hits keep it)

  Returns  the count, this hit included.

  Only the first hit sets the expiry: a later one finds it set by the first, in this same script
  (atomic), so a PEXPIRE NX per hit would be one more command per ticket that changes nothing.
]]
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n
