// Log in and registration.

export const vi = {
  "auth.tagline": "Hộp thư bán hàng cho Facebook và livestream",
  "auth.login": "Đăng nhập",
  "auth.register": "Đăng ký",
  "auth.name": "Họ tên",
  "auth.workspace": "Tên cửa hàng",
  "auth.email": "Email",
  "auth.password": "Mật khẩu",
  "auth.noAccount": "Chưa có tài khoản?",
  "auth.haveAccount": "Đã có tài khoản?",
};

export const en: Record<keyof typeof vi, string> = {
  "auth.tagline": "The sales inbox for Facebook and livestreams",
  "auth.login": "Log in",
  "auth.register": "Sign up",
  "auth.name": "Full name",
  "auth.workspace": "Shop name",
  "auth.email": "Email",
  "auth.password": "Password",
  "auth.noAccount": "No account yet?",
  "auth.haveAccount": "Already have an account?",
};
