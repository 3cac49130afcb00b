"""Looking back at saved answers: exports (Markdown, JSON, SRT, WebVTT, HTML) and progress charts."""
