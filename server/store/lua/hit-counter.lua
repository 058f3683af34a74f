--[[
  A counter in a time window (kiosk rate limits, per-number limits): one command instead of a
  MULTI / INCR / PEXPIRE / EXEC transaction, so it rides the connection's auto-pipeline with the
  requests around it (a ticket's hot path pays one round trip and no transaction for it).

  KEYS[1]  the counter
  ARGV[1]  the window, ms: the counter expires that long after its first hit (an existing expiry is kept)

  Returns  the count, this hit included.
]]
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1], 'NX')
return n
