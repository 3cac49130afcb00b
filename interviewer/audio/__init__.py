"""Audio adapters: speakers (pyttsx3, Piper), the sounddevice microphone and player, audio files, and the
crash-safe WAV writer. Device libraries are imported inside the functions that need them."""

SAMPLE_RATE = 16_000  # Hz; what Whisper wants, and what answers are recorded at
