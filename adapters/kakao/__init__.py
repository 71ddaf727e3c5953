"""KakaoTalk through Kakao i Open Builder skills: answers go in the HTTP response."""
