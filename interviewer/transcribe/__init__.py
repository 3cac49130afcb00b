"""Speech-to-text: faster-whisper on the CPU, with weights from pip packages or a local folder."""

# A short prompt full of fillers makes Whisper keep "um"/"uh" instead of cleaning them away
# (reference: faster-whisper issues 319 and 901); a long prompt can truncate output, so keep it short.
FILLER_PROMPT = "Um, uh, so, like, you know, I mean, uh, hmm."
