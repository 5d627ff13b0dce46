'use strict';
// The subscriber app. It talks only to the portal's /bff endpoints: the session is an HttpOnly cookie the script
// never sees; state-changing calls carry the CSRF token. Passkeys use WebAuthn with user verification.
const STRINGS = {
  vi: {
    'lang.other': 'English',
    'login.verify': 'Kiểm tra chữ ký',
    'field.identifier': 'Số CCCD / Hộ chiếu / MST', 'field.password': 'Mật khẩu',
    'login.title': 'Đăng nhập', 'login.submit': 'Đăng nhập', 'login.activate': 'Kích hoạt tài khoản',
    'login.failed': 'Sai số định danh hoặc mật khẩu.',
    'step1.progress': 'Bước 1/4', 'step1.title': 'Kích hoạt tài khoản', 'step1.code': 'Mã kích hoạt',
    'step1.password': 'Mật khẩu mới', 'step1.rule': '8–64 ký tự, có chữ hoa, chữ thường, chữ số và ký tự đặc biệt.',
    'step1.confirm': 'Nhập lại mật khẩu', 'step1.accept': 'Tôi đồng ý với', 'step1.terms': 'điều khoản sử dụng',
    'step1.submit': 'Tiếp tục', 'step1.mismatch': 'Mật khẩu nhập lại không khớp.',
    'step1.mustAccept': 'Bạn cần đồng ý với điều khoản sử dụng.',
    'step2.progress': 'Bước 2/4', 'step2.title': 'Tạo mã PIN và sinh trắc học', 'step2.pin': 'Mã PIN (6 chữ số)',
    'step2.rule': 'Không dùng dãy liên tiếp (123456) hay lặp lại (111111).', 'step2.confirm': 'Nhập lại mã PIN',
    'step2.submit': 'Đăng ký sinh trắc học', 'step2.mismatch': 'Mã PIN nhập lại không khớp.',
    'step3.progress': 'Bước 3/4', 'step3.title': 'Kích hoạt cặp khóa',
    'step3.waiting': 'Đang tạo cặp khóa và chứng thư số…', 'step3.issued': 'Đã cấp chứng thư số.',
    'step3.failed': 'Không cấp được chứng thư số: ',
    'step4.progress': 'Bước 4/4', 'step4.title': 'Ký biên bản nghiệm thu', 'step4.waiting': 'Đang chuẩn bị biên bản…',
    'step4.done': 'Tài khoản đã được kích hoạt.', 'step4.again': 'Yêu cầu ký lại',
    'int.title': 'Ứng dụng tích hợp', 'int.hint': 'Các ứng dụng đã gửi yêu cầu ký hoặc tra cứu chứng thư của Quý khách. Chỉ ứng dụng được phép mới tra cứu được chứng thư; ứng dụng bị chặn không gửi được yêu cầu.',
    'int.none': 'Chưa có ứng dụng nào gửi yêu cầu.', 'int.ALLOWED': 'Được phép', 'int.BLOCKED': 'Đã chặn', 'int.undecided': 'Chưa quyết định',
    'int.block': 'Chặn {name}', 'int.allow': 'Cho phép {name}', 'int.blocked': 'Đã chặn {name}.', 'int.allowed': 'Đã cho phép {name}.',
    'int.looked': 'Đã tra cứu chứng thư của Quý khách lúc {at} (chưa được phép nên không thấy gì)',
    'tx.first': 'Lần đầu {app} gửi yêu cầu cho Quý khách. Ký số là cho phép ứng dụng này gửi yêu cầu và tra cứu chứng thư của Quý khách; nếu Quý khách không biết ứng dụng này, hãy chặn nó.',
    'notify.title': 'Thông báo', 'notify.enable': 'Bật thông báo trên thiết bị này',
    'notify.disable': 'Tắt thông báo trên thiết bị này', 'notify.on': 'Thiết bị này nhận thông báo khi có yêu cầu ký.',
    'notify.off': 'Bật thông báo để biết ngay khi có yêu cầu ký, kể cả khi không mở trang này.',
    'notify.blocked': 'Trình duyệt đang chặn thông báo của Kyso; cho phép lại trong cài đặt trang.',
    'notify.unsupported': 'Trình duyệt này không nhận được thông báo đẩy; Kyso gửi email thay thế.',
    'notify.unavailable': 'Máy chủ chưa bật thông báo đẩy; Kyso gửi email.',
    'notify.failed': 'Không bật được thông báo: ', 'notify.choose': 'Nhận mỗi loại thông báo qua',
    'notify.kind': 'Loại', 'notify.push': 'Trên thiết bị', 'notify.mail': 'Email', 'notify.save': 'Lưu lựa chọn',
    'notify.saved': 'Đã lưu lựa chọn.', 'notify.securityHint': 'Thông báo bảo mật luôn được gửi qua email.',
    'kind.SIGNATURE_REQUESTED': 'Yêu cầu ký đang chờ', 'kind.CERTIFICATE_ISSUED': 'Cấp chứng thư mới',
    'kind.CERTIFICATE_EXPIRING': 'Chứng thư sắp hết hạn (30, 7, 1 ngày trước)',
    'kind.CERTIFICATE_SUSPENDED': 'Tạm dừng chứng thư (bảo mật)', 'kind.CERTIFICATE_RESUMED': 'Mở lại chứng thư (bảo mật)',
    'kind.CERTIFICATE_REVOKED': 'Thu hồi chứng thư (bảo mật)', 'kind.DELEGATION_ENDED': 'Tắt ủy quyền ký bằng OTP (bảo mật)',
    'kind.PIN_CHANGED': 'Đổi hoặc đặt lại mã PIN (bảo mật)', 'kind.PIN_LOCKED': 'Mã PIN bị khóa (bảo mật)',
    'kind.CERTIFICATE_RENEWED': 'Gia hạn chứng thư', 'kind.RECOVERY_REQUESTED': 'Yêu cầu khôi phục thiết bị (bảo mật)',
    'kind.DEVICE_BOUND': 'Đăng ký thiết bị mới (bảo mật)',
    'rec.title': 'Mất hoặc thay thiết bị?', 'rec.hint': 'Khi không còn thiết bị đã đăng ký: gửi yêu cầu, nhân viên Kyso gọi lại số điện thoại đã đăng ký để xác minh rồi gửi mã khôi phục tới email của Quý khách. Từ lúc được duyệt, thiết bị cũ không xác nhận được gì nữa.',
    'rec.reason': 'Chuyện gì đã xảy ra?', 'rec.ask': 'Gửi yêu cầu khôi phục',
    'rec.REQUESTED': 'Đã gửi yêu cầu khôi phục lúc {at}. Nhân viên Kyso sẽ liên hệ để xác minh danh tính.',
    'rec.APPROVED': 'Yêu cầu đã được duyệt: mã khôi phục đã được gửi tới email (hiệu lực đến {at}). Nhập mã, đặt mã PIN mới và đăng ký sinh trắc học trên thiết bị này.',
    'rec.code': 'Mã khôi phục (10 chữ số)', 'rec.bind': 'Đăng ký thiết bị mới',
    'rec.bound': 'Đã đăng ký thiết bị mới. Đang cấp chứng thư mới…', 'rec.issued': 'Chứng thư mới đã được cấp. Từ nay ký bằng thiết bị này và mã PIN mới.',
    'rec.FAILED': 'Yêu cầu khôi phục trước đã hết hạn hoặc nhập sai mã quá nhiều lần; hãy gửi yêu cầu mới.',
    'rec.DECLINED': 'Yêu cầu khôi phục trước đã bị từ chối; liên hệ bộ phận hỗ trợ hoặc gửi yêu cầu mới.',
    'step1.noCode': 'Không nhận được mã, hoặc mã đã hết hạn?', 'step1.resend': 'Gửi lại mã kích hoạt',
    'step1.resendNeedsId': 'Nhập số định danh ở trên trước.',
    'step1.resent': 'Nếu số định danh này đang chờ kích hoạt, mã mới đã được gửi tới email đăng ký.',
    'cert.reset': 'Đặt lại mã PIN (quên hoặc bị khóa)', 'cert.resetHint': 'Không cần mã PIN cũ: xác nhận bằng sinh trắc học. Kyso tạo cặp khóa và chứng thư mới; chứng thư cũ bị thu hồi.',
    'cert.done.reset': 'Đã đặt lại mã PIN. Đang cấp chứng thư mới…', 'cert.reissued': 'Chứng thư mới đã được cấp. Từ nay dùng mã PIN mới.',
    'cert.renew': 'Gia hạn chứng thư (cặp khóa mới)', 'cert.done.renew': 'Đang cấp chứng thư mới…',
    'cert.renewed': 'Đã gia hạn. Chứng thư mới có hiệu lực đến {date}; mã PIN giữ nguyên.',
    'cert.renewFrom': 'Gia hạn được từ {date} (30 ngày trước khi hết hạn).',
    'cert.totpOn': 'Bật ủy quyền ký bằng mật khẩu và OTP (TH v2)', 'cert.totpOff': 'Tắt ủy quyền ký bằng OTP',
    'cert.totpShown': 'Mã bí mật OTP — chỉ hiển thị một lần. Quét mã QR bằng ứng dụng OTP hoặc nhập mã dưới đây:',
    'cert.totpQr': 'Mã QR của mã bí mật OTP', 'cert.done.totpOff': 'Đã tắt ủy quyền ký bằng OTP.',
    'cert.locked': 'Mã PIN đang bị khóa. Đặt lại mã PIN bằng sinh trắc học để ký tiếp.',
    'home.title': 'Tài khoản', 'home.logout': 'Đăng xuất', 'home.pending': 'Yêu cầu chờ ký',
    'home.certificates': 'Chứng thư số', 'home.history': 'Lịch sử giao dịch', 'home.none': 'Không có yêu cầu nào.',
    'home.noCertificate': 'Chưa có chứng thư số.', 'home.download': 'Tải chứng thư (PEM)',
    'account.name': 'Họ và tên', 'account.identifier': 'Số định danh', 'account.email': 'Email', 'account.status': 'Trạng thái',
    'cert.serial': 'Số hiệu', 'cert.status': 'Trạng thái', 'cert.validTo': 'Hiệu lực đến',
    'cert.manage': 'Quản lý chứng thư', 'cert.action': 'Thao tác', 'cert.suspend': 'Tạm dừng chứng thư',
    'cert.pinChange': 'Đổi mã PIN', 'cert.newPin': 'Mã PIN mới (6 chữ số)', 'cert.confirmPin': 'Nhập lại mã PIN mới',
    'cert.done.pin': 'Đã đổi mã PIN. Từ nay dùng mã PIN mới.', 'cert.pinMismatch': 'Hai mã PIN mới không khớp.',
    'cert.resume': 'Mở lại chứng thư', 'cert.revoke': 'Thu hồi chứng thư', 'cert.reason': 'Lý do thu hồi',
    'cert.reason.keyCompromise': 'Lộ khóa hoặc mất thiết bị', 'cert.reason.affiliationChanged': 'Thay đổi thông tin, tổ chức',
    'cert.reason.cessationOfOperation': 'Không còn sử dụng', 'cert.reason.unspecified': 'Lý do khác',
    'cert.revokeWarning': 'Thu hồi là vĩnh viễn: chứng thư không dùng để ký được nữa.', 'cert.pin': 'Mã PIN',
    'cert.submit': 'Xác nhận bằng PIN và sinh trắc học', 'cert.done.suspend': 'Đã tạm dừng chứng thư. Không ký được cho đến khi mở lại.',
    'cert.done.resume': 'Đang mở lại chứng thư…', 'cert.resumed': 'Chứng thư đã hoạt động trở lại.',
    'cert.done.revoke': 'Đã thu hồi chứng thư.', 'cert.operatorHold': 'Chứng thư do nhà cung cấp tạm dừng; chỉ nhà cung cấp mở lại được.',
    'tx.requestedAt': 'Thời gian yêu cầu', 'tx.app': 'Ứng dụng', 'tx.file': 'Tên tài liệu', 'tx.description': 'Mô tả',
    'tx.left': 'Thời gian ký còn lại', 'tx.card': 'Yêu cầu ký từ {app}: {file}', 'tx.view': 'Xem tài liệu', 'tx.pin': 'Mã PIN', 'tx.confirm': 'Xác nhận ký số',
    'tx.reject': 'Từ chối', 'tx.expired': 'Đã hết hạn', 'tx.signed': 'Đã ký', 'tx.rejected': 'Đã từ chối',
    'tx.wrongPin': 'Sai mã PIN. Còn {n} lần thử.', 'tx.locked': 'Mã PIN đã bị khóa.',
    'tx.biometric': 'Xác thực sinh trắc học không thành công. Chưa ký gì.', 'tx.seconds': '{m}:{s}',
    'status.PENDING': 'Chờ ký', 'status.SIGNED': 'Đã ký', 'status.REJECTED': 'Đã từ chối', 'status.EXPIRED': 'Hết hạn',
    'status.FAILED': 'Lỗi', 'status.AUTHORIZED': 'Đã cho phép', 'status.ACTIVE': 'Đang hoạt động',
    'status.CERT_PENDING': 'Đang cấp', 'status.REVOKED': 'Đã thu hồi',
    'status.SUSPENDED': 'Tạm dừng', 'status.UNACTIVATED': 'Chưa kích hoạt',
    'error.network': 'Không kết nối được máy chủ. Vui lòng thử lại.', 'error.generic': 'Có lỗi xảy ra.',
    'error.noPasskey': 'Trình duyệt này không hỗ trợ sinh trắc học (passkey).',
    'consent.title': 'Cho phép ứng dụng', 'consent.app': 'Ứng dụng', 'consent.asks': 'Yêu cầu',
    'consent.returnTo': 'Sau đó quay lại', 'consent.allow': 'Cho phép', 'consent.deny': 'Từ chối',
    'consent.service': 'Xem chứng thư số của bạn và gửi yêu cầu ký (bạn vẫn duyệt từng lần ký bằng PIN và sinh trắc học).',
    'docs.title': 'Ký tài liệu', 'docs.choose': 'Chọn tệp PDF (tối đa 8 MB)',
    'docs.placeHint': 'Chạm vào trang để đặt chữ ký; kéo khung để di chuyển.', 'docs.box': 'Chữ ký số',
    'docs.field': 'Hoặc ký vào ô chữ ký có sẵn', 'docs.noField': '— Đặt trên trang —',
    'docs.reason': 'Lý do ký (không bắt buộc)', 'docs.sign': 'Ký tài liệu', 'docs.download': 'Tải tài liệu đã ký',
    'docs.back': 'Quay lại', 'docs.page': 'Trang {n}/{total}', 'docs.place': 'Hãy chạm vào trang để đặt chữ ký.',
    'docs.tooLarge': 'Tệp lớn hơn 8 MB.', 'docs.open': 'Mở', 'docs.get': 'Tải về', 'docs.delete': 'Xóa',
    'docs.sure': 'Xóa hẳn?', 'docs.none': 'Chưa có tài liệu nào.', 'docs.uploading': 'Đang tải lên…',
    'status.DRAFT': 'Chưa ký',
    'consent.credential': 'Tạo {n} chữ ký số bằng khóa của bạn. Duyệt bằng mã PIN và sinh trắc học bên dưới.'
  },
  en: {
    'lang.other': 'Tiếng Việt',
    'login.verify': 'Check a signature',
    'field.identifier': 'Citizen ID / Passport / Tax code', 'field.password': 'Password',
    'login.title': 'Sign in', 'login.submit': 'Sign in', 'login.activate': 'Activate your account',
    'login.failed': 'Wrong identifier or password.',
    'step1.progress': 'Step 1/4', 'step1.title': 'Activate your account', 'step1.code': 'Activation code',
    'step1.password': 'New password', 'step1.rule': '8–64 characters with upper and lower case, a digit and a symbol.',
    'step1.confirm': 'Repeat the password', 'step1.accept': 'I accept the', 'step1.terms': 'terms of use',
    'step1.submit': 'Continue', 'step1.mismatch': 'The passwords do not match.',
    'step1.mustAccept': 'Please accept the terms of use.',
    'step2.progress': 'Step 2/4', 'step2.title': 'Create your PIN and biometric', 'step2.pin': 'PIN (6 digits)',
    'step2.rule': 'No runs (123456) or repeats (111111).', 'step2.confirm': 'Repeat the PIN',
    'step2.submit': 'Register biometric', 'step2.mismatch': 'The PINs do not match.',
    'step3.progress': 'Step 3/4', 'step3.title': 'Activate the key pair',
    'step3.waiting': 'Creating your key pair and certificate…', 'step3.issued': 'Certificate issued.',
    'step3.failed': 'The certificate could not be issued: ',
    'step4.progress': 'Step 4/4', 'step4.title': 'Sign the acceptance record', 'step4.waiting': 'Preparing the record…',
    'step4.done': 'Your account is active.', 'step4.again': 'Ask to sign again',
    'int.title': 'Integrators', 'int.hint': 'The applications that asked you for signatures or looked up your certificate. Only an allowed one can look up your certificate; a blocked one cannot send you requests either.',
    'int.none': 'No application has asked yet.', 'int.ALLOWED': 'Allowed', 'int.BLOCKED': 'Blocked', 'int.undecided': 'Not decided',
    'int.block': 'Block {name}', 'int.allow': 'Allow {name}', 'int.blocked': '{name} is blocked.', 'int.allowed': '{name} is allowed.',
    'int.looked': 'Looked up your certificate at {at} (not allowed, so it saw nothing)',
    'tx.first': 'This is the first request {app} sends you. Signing allows this application to send you requests and look up your certificate; if you do not know it, block it.',
    'notify.title': 'Notifications', 'notify.enable': 'Turn on notifications on this device',
    'notify.disable': 'Turn off notifications on this device', 'notify.on': 'This device is told when a signing request waits.',
    'notify.off': 'Turn notifications on to know at once when a request waits, even with this page closed.',
    'notify.blocked': 'Your browser blocks Kyso notifications; allow them again in the site settings.',
    'notify.unsupported': 'This browser cannot receive push notifications; Kyso sends email instead.',
    'notify.unavailable': 'Push notifications are not enabled on this server; Kyso sends email.',
    'notify.failed': 'Notifications could not be turned on: ', 'notify.choose': 'Receive each kind of notice by',
    'notify.kind': 'Kind', 'notify.push': 'On device', 'notify.mail': 'Email', 'notify.save': 'Save choices',
    'notify.saved': 'Choices saved.', 'notify.securityHint': 'Security notices always go by email.',
    'kind.SIGNATURE_REQUESTED': 'A signing request waits', 'kind.CERTIFICATE_ISSUED': 'New certificate issued',
    'kind.CERTIFICATE_EXPIRING': 'Certificate expires soon (30, 7, 1 days before)',
    'kind.CERTIFICATE_SUSPENDED': 'Certificate suspended (security)', 'kind.CERTIFICATE_RESUMED': 'Certificate resumed (security)',
    'kind.CERTIFICATE_REVOKED': 'Certificate revoked (security)', 'kind.DELEGATION_ENDED': 'OTP signing switched off (security)',
    'kind.PIN_CHANGED': 'PIN changed or reset (security)', 'kind.PIN_LOCKED': 'PIN locked (security)',
    'kind.CERTIFICATE_RENEWED': 'Certificate renewed', 'kind.RECOVERY_REQUESTED': 'Device recovery requested (security)',
    'kind.DEVICE_BOUND': 'New device bound (security)',
    'rec.title': 'Lost or replaced your device?', 'rec.hint': 'Without your registered device: send a request, Kyso staff call your registered phone number to verify who you are, then a recovery code comes to your email. From the approval on, the old device approves nothing.',
    'rec.reason': 'What happened?', 'rec.ask': 'Ask for a recovery',
    'rec.REQUESTED': 'Recovery requested at {at}. Kyso staff will contact you to verify your identity.',
    'rec.APPROVED': 'Approved: a recovery code was sent to your email (valid until {at}). Enter it, choose a new PIN and register your biometric on this device.',
    'rec.code': 'Recovery code (10 digits)', 'rec.bind': 'Register this device',
    'rec.bound': 'New device registered. Issuing a new certificate…', 'rec.issued': 'The new certificate is issued. Sign with this device and the new PIN from now on.',
    'rec.FAILED': 'The last recovery expired or had too many wrong codes; send a new request.',
    'rec.DECLINED': 'The last recovery was declined; contact support or send a new request.',
    'step1.noCode': 'No code, or has it expired?', 'step1.resend': 'Send the activation code again',
    'step1.resendNeedsId': 'Enter your identifier above first.',
    'step1.resent': 'If this identifier is waiting for activation, a new code was sent to its registered email.',
    'cert.reset': 'Reset the PIN (forgotten or locked)', 'cert.resetHint': 'No old PIN needed: confirm with your biometric. Kyso makes a new key pair and certificate; the old certificate is revoked.',
    'cert.done.reset': 'PIN reset. Issuing a new certificate…', 'cert.reissued': 'The new certificate is issued. Use the new PIN from now on.',
    'cert.renew': 'Renew the certificate (new key pair)', 'cert.done.renew': 'Issuing the new certificate…',
    'cert.renewed': 'Renewed. The new certificate is valid until {date}; the PIN stays the same.',
    'cert.renewFrom': 'Renewable from {date} (30 days before it expires).',
    'cert.totpOn': 'Turn on password + OTP signing (TH v2)', 'cert.totpOff': 'Turn off OTP signing',
    'cert.totpShown': 'OTP secret — shown only once. Scan the QR code with your OTP app or type the code below:',
    'cert.totpQr': 'QR code of the OTP secret', 'cert.done.totpOff': 'OTP signing is off.',
    'cert.locked': 'The PIN is locked. Reset it with your biometric to sign again.',
    'home.title': 'Account', 'home.logout': 'Sign out', 'home.pending': 'Waiting for your signature',
    'home.certificates': 'Certificates', 'home.history': 'History', 'home.none': 'Nothing is waiting.',
    'home.noCertificate': 'No certificate yet.', 'home.download': 'Download certificate (PEM)',
    'account.name': 'Full name', 'account.identifier': 'Identifier', 'account.email': 'Email', 'account.status': 'Status',
    'cert.serial': 'Serial', 'cert.status': 'Status', 'cert.validTo': 'Valid until',
    'cert.manage': 'Manage the certificate', 'cert.action': 'Action', 'cert.suspend': 'Suspend the certificate',
    'cert.pinChange': 'Change the PIN', 'cert.newPin': 'New PIN (6 digits)', 'cert.confirmPin': 'Repeat the new PIN',
    'cert.done.pin': 'PIN changed. Use the new PIN from now on.', 'cert.pinMismatch': 'The new PINs do not match.',
    'cert.resume': 'Resume the certificate', 'cert.revoke': 'Revoke the certificate', 'cert.reason': 'Reason for revoking',
    'cert.reason.keyCompromise': 'Key exposed or device lost', 'cert.reason.affiliationChanged': 'My details or organisation changed',
    'cert.reason.cessationOfOperation': 'No longer needed', 'cert.reason.unspecified': 'Another reason',
    'cert.revokeWarning': 'Revoking is for good: the certificate can no longer sign.', 'cert.pin': 'PIN',
    'cert.submit': 'Confirm with PIN and biometric', 'cert.done.suspend': 'Certificate suspended. Nothing can be signed until you resume it.',
    'cert.done.resume': 'Resuming the certificate…', 'cert.resumed': 'The certificate is active again.',
    'cert.done.revoke': 'Certificate revoked.', 'cert.operatorHold': 'The provider suspended this certificate; only the provider can resume it.',
    'tx.requestedAt': 'Requested at', 'tx.app': 'Application', 'tx.file': 'Document', 'tx.description': 'Description',
    'tx.left': 'Time left to sign', 'tx.card': 'Signature request from {app}: {file}', 'tx.view': 'View document', 'tx.pin': 'PIN', 'tx.confirm': 'Confirm signature',
    'tx.reject': 'Reject', 'tx.expired': 'Expired', 'tx.signed': 'Signed', 'tx.rejected': 'Rejected',
    'tx.wrongPin': 'Wrong PIN. {n} tries left.', 'tx.locked': 'The PIN is locked.',
    'tx.biometric': 'Biometric check failed. Nothing was signed.', 'tx.seconds': '{m}:{s}',
    'status.PENDING': 'Waiting', 'status.SIGNED': 'Signed', 'status.REJECTED': 'Rejected', 'status.EXPIRED': 'Expired',
    'status.FAILED': 'Failed', 'status.AUTHORIZED': 'Authorised', 'status.ACTIVE': 'Active',
    'status.CERT_PENDING': 'Being issued', 'status.REVOKED': 'Revoked',
    'status.SUSPENDED': 'Suspended', 'status.UNACTIVATED': 'Not activated',
    'error.network': 'The server cannot be reached. Please try again.', 'error.generic': 'Something went wrong.',
    'error.noPasskey': 'This browser cannot use a biometric passkey.',
    'consent.title': 'Allow an application', 'consent.app': 'Application', 'consent.asks': 'Asks to',
    'consent.returnTo': 'Then back to', 'consent.allow': 'Allow', 'consent.deny': 'Deny',
    'consent.service': 'See your certificates and send you signing requests (you still approve each signature with PIN and biometric).',
    'docs.title': 'Sign a document', 'docs.choose': 'Choose a PDF (up to 8 MB)',
    'docs.placeHint': 'Tap the page to place your signature; drag the box to move it.', 'docs.box': 'Digital signature',
    'docs.field': 'Or sign in an existing signature field', 'docs.noField': '— Place on the page —',
    'docs.reason': 'Reason for signing (optional)', 'docs.sign': 'Sign the document',
    'docs.download': 'Download the signed document', 'docs.back': 'Back', 'docs.page': 'Page {n}/{total}',
    'docs.place': 'Tap the page to place your signature first.', 'docs.tooLarge': 'The file is larger than 8 MB.',
    'docs.open': 'Open', 'docs.get': 'Download', 'docs.delete': 'Delete', 'docs.sure': 'Delete for good?',
    'docs.none': 'No documents yet.', 'docs.uploading': 'Uploading…', 'status.DRAFT': 'Not signed',
    'consent.credential': 'Create {n} digital signatures with your key. Approve with your PIN and biometric below.'
  }
};
let lang = localStorage.getItem('kyso.lang') === 'en' ? 'en' : 'vi';
let csrf = null;
let credential = null;
let events = null;
let accountId = null;
const timers = [];

const $ = id => document.getElementById(id);
function t(key, values) {
  let text = STRINGS[lang][key] || STRINGS.vi[key] || key;
  Object.entries(values || {}).forEach(([k, v]) => { text = text.replace('{' + k + '}', v); });
  return text;
}

function translate(root) {
  document.documentElement.lang = lang;
  (root || document).querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  $('lang').textContent = t('lang.other');
  // Its name is what it shows (WCAG 2.5.3), spoken in the language it names.
  $('lang').lang = lang === 'vi' ? 'en' : 'vi';
}

async function bff(method, path, body) {
  const response = await fetch('/bff/' + path, {
    method, credentials: 'same-origin',
    headers: Object.assign({ 'Accept': 'application/json' },
      body === undefined ? {} : { 'Content-Type': 'application/json' },
      method === 'GET' ? {} : { 'X-CSRF-Token': csrf }),
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
  if (response.status === 401 && parsed && parsed.code === 'SESSION_REQUIRED') { show('login'); }
  return { status: response.status, body: parsed };
}

const api = (method, path, body) => bff(method, 'api/' + path, body);

function problemText(answer) {
  const b = answer.body || {};
  if (b.errors && b.errors.length) { return b.errors.map(e => e.field + ': ' + e.message).join(' · '); }
  return b.detail || b.title || t('error.generic');
}

function fail(id, text) { const el = $(id); el.textContent = text; el.hidden = false; }
function clear(id) { $(id).hidden = true; }

function show(id) {
  document.querySelectorAll('main > section').forEach(s => { s.hidden = s.id !== id; });
  const heading = document.querySelector('#' + id + ' h1');
  if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
}

function stopTimers() { while (timers.length) { clearInterval(timers.pop()); } }

// base64url <-> bytes, as WebAuthn hands them over.
function toB64url(buffer) {
  let s = '';
  new Uint8Array(buffer).forEach(b => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromB64url(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, c => c.charCodeAt(0));
}
const ascii = text => new TextEncoder().encode(text);

async function createPasskey(options) {
  const created = await navigator.credentials.create({ publicKey: {
    challenge: ascii(options.challenge), rp: options.rp,
    user: { id: fromB64url(options.user.id), name: options.user.name, displayName: options.user.displayName },
    pubKeyCredParams: options.pubKeyCredParams, authenticatorSelection: options.authenticatorSelection,
    attestation: options.attestation, timeout: options.timeout
  } });
  return { challenge: options.challenge, attestationObject: toB64url(created.response.attestationObject),
    clientDataJSON: toB64url(created.response.clientDataJSON) };
}

async function assertPasskey(challenge) {
  const allow = credential && credential.passkeyId ? [{ type: 'public-key', id: fromB64url(credential.passkeyId) }] : [];
  const got = await navigator.credentials.get({ publicKey: {
    challenge: ascii(challenge), allowCredentials: allow, userVerification: 'required', timeout: 120000
  } });
  return { credentialId: toB64url(got.rawId), authenticatorData: toB64url(got.response.authenticatorData),
    clientDataJSON: toB64url(got.response.clientDataJSON), signature: toB64url(got.response.signature) };
}

// ---- sign-in and the activation wizard ----
$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  clear('login-error');
  try {
    const answer = await bff('POST', 'login', { identifier: $('identifier').value.trim(), password: $('password').value });
    $('password').value = '';
    if (answer.status === 200) { await route(); return; }
    fail('login-error', answer.status === 401 ? t('login.failed') : problemText(answer));
  } catch (e) { fail('login-error', t('error.network')); }
});

$('to-activate').addEventListener('click', () => show('step1'));

$('step1-form').addEventListener('submit', async event => {
  event.preventDefault();
  clear('step1-error');
  if ($('a-password').value !== $('a-confirm').value) { fail('step1-error', t('step1.mismatch')); return; }
  if (!$('a-terms').checked) { fail('step1-error', t('step1.mustAccept')); return; }
  try {
    const answer = await bff('POST', 'activation/verify', { identifier: $('a-identifier').value.trim(),
      activationCode: $('a-code').value.trim(), password: $('a-password').value,
      confirmPassword: $('a-confirm').value, acceptTerms: true });
    $('a-password').value = ''; $('a-confirm').value = '';
    if (answer.status === 200) { show('step2'); return; }
    fail('step1-error', problemText(answer));
  } catch (e) { fail('step1-error', t('error.network')); }
});

$('step2-form').addEventListener('submit', async event => {
  event.preventDefault();
  clear('step2-error');
  if ($('pin').value !== $('pin-confirm').value) { fail('step2-error', t('step2.mismatch')); return; }
  if (!window.PublicKeyCredential) { fail('step2-error', t('error.noPasskey')); return; }
  try {
    const options = await api('POST', 'signing/credentials/passkey-options');
    if (options.status !== 200) { fail('step2-error', problemText(options)); return; }
    const passkey = await createPasskey(options.body);
    const answer = await api('POST', 'signing/credentials', { pin: $('pin').value, confirmPin: $('pin-confirm').value,
      deviceName: navigator.userAgent.includes('Mobile') ? 'Điện thoại' : 'Trình duyệt', passkey });
    $('pin').value = ''; $('pin-confirm').value = '';
    if (answer.status === 202) { await step3(); return; }
    fail('step2-error', problemText(answer));
  } catch (e) { fail('step2-error', e && e.name === 'NotAllowedError' ? t('tx.biometric') : t('error.network')); }
});

async function step3() {
  show('step3');
  clear('step3-error');
  await new Promise(resolve => {
    const poll = setInterval(async () => {
      const list = await api('GET', 'signing/credentials');
      const live = (list.body || []).find(c => c.status === 'ACTIVE' || c.status === 'FAILED');
      $('step3-progress').value = 2;
      if (!live) { return; }
      clearInterval(poll);
      if (live.status === 'FAILED') { fail('step3-error', t('step3.failed') + (live.failureReason || '')); return; }
      credential = live;
      $('step3-progress').value = 3;
      $('step3-status').textContent = t('step3.issued');
      resolve();
    }, 1000);
    timers.push(poll);
  });
  await step4();
}

async function step4() {
  show('step4');
  const box = $('step4-transaction');
  const poll = setInterval(async () => {
    const status = await api('GET', 'activation/status');
    const acceptance = status.body && status.body.acceptance;
    if (status.body && status.body.step >= 5) {
      // The record is signed; the account turns ACTIVE a moment later (ActivationCompleted → account-service).
      const me = await api('GET', 'account/me');
      if (!me.body || me.body.status !== 'ACTIVE') { return; }
      clearInterval(poll);
      box.textContent = t('step4.done');
      await route();
      return;
    }
    if (!acceptance || !acceptance.transactionId) { return; }
    if (acceptance.status === 'PENDING' && !box.querySelector('.transaction')) {
      const tx = await api('GET', 'signing/transactions/' + acceptance.transactionId);
      if (tx.status === 200) { box.replaceChildren(transactionCard(tx.body, () => {})); }
    } else if ((acceptance.status === 'REJECTED' || acceptance.status === 'EXPIRED') && !box.querySelector('.again')) {
      const again = document.createElement('button');
      again.className = 'primary again'; again.textContent = t('step4.again');
      again.addEventListener('click', async () => { await api('POST', 'activation/acceptance'); box.replaceChildren(); });
      box.replaceChildren(again);
    }
  }, 1000);
  timers.push(poll);
}

// ---- a transaction waiting for approval: countdown, view, PIN + passkey ----
function transactionCard(tx, done) {
  const card = $('transaction-template').content.firstElementChild.cloneNode(true);
  translate(card);
  card.dataset.id = tx.id;
  card.querySelector('.tx-requested').textContent = new Date(tx.requestedAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  card.querySelector('.tx-app').textContent = tx.appName || '';
  card.querySelector('.tx-file').textContent = (tx.items || []).map(i => i.fileName).join(', ') || tx.fileName || '';
  card.querySelector('.tx-description').textContent = tx.description || '';
  const view = card.querySelector('.tx-view');
  if ((tx.items || []).some(i => i.type === 'pdf')) { view.href = '/bff/api/signing/transactions/' + tx.id + '/document'; }
  else { view.remove(); }
  const pinId = 'pin-' + tx.id;
  card.querySelector('.tx-pin').id = pinId;
  card.querySelector('.tx-pin-label').htmlFor = pinId;
  // Several cards can wait at once: each is named by who asks for what, and its buttons say which card they act on.
  card.setAttribute('aria-label', t('tx.card', { app: tx.appName || '', file: card.querySelector('.tx-file').textContent }));
  card.querySelector('.tx-file').id = 'file-' + tx.id;
  card.querySelectorAll('.tx-confirm, .tx-reject').forEach(b => b.setAttribute('aria-describedby', 'file-' + tx.id));
  const left = card.querySelector('.tx-left');
  const expires = Date.now() + (tx.secondsLeft || 0) * 1000;
  const tick = () => {
    const s = Math.max(0, Math.round((expires - Date.now()) / 1000));
    left.textContent = t('tx.seconds', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
    if (s === 0) { ended(card, t('tx.expired')); clearInterval(timer); }
  };
  const timer = setInterval(tick, 1000);
  timers.push(timer);
  tick();
  const error = card.querySelector('.tx-error');
  const act = async (verb) => {
    error.hidden = true;
    try {
      const fresh = await api('GET', 'signing/transactions/' + tx.id);
      if (!fresh.body || !fresh.body.challenge) { ended(card, t('status.' + (fresh.body ? fresh.body.status : 'EXPIRED'))); return; }
      let passkey;
      try { passkey = await assertPasskey(fresh.body.challenge); }
      catch (e) { error.textContent = t('tx.biometric'); error.hidden = false; return; }
      const body = verb === 'confirm' ? { pin: card.querySelector('.tx-pin').value, challenge: fresh.body.challenge, passkey }
        : { challenge: fresh.body.challenge, passkey };
      const answer = await api('POST', 'signing/transactions/' + tx.id + '/' + verb, body);
      card.querySelector('.tx-pin').value = '';
      if (answer.status === 200) { clearInterval(timer); ended(card, t('status.' + answer.body.status), true); done(); return; }
      const b = answer.body || {};
      error.textContent = b.code === 'PIN_INVALID' ? t('tx.wrongPin', { n: ((b.detail || '').match(/\d+/) || ['?'])[0] })
        : b.code === 'PIN_LOCKED'
        ? t('tx.locked') : b.code === 'DEVICE_PROOF_INVALID' ? t('tx.biometric') : problemText(answer);
      error.hidden = false;
    } catch (e) { error.textContent = t('error.network'); error.hidden = false; }
  };
  card.querySelector('.tx-confirm').addEventListener('click', () => act('confirm'));
  // Enter in the PIN field confirms, as in any form.
  card.querySelector('.tx-pin').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); act('confirm'); } });
  card.querySelector('.tx-reject').addEventListener('click', () => act('reject'));
  if (tx.firstContact && tx.requesterId) {
    const first = card.querySelector('.tx-first');
    first.textContent = t('tx.first', { app: tx.appName || '' }); first.hidden = false;
    const block = card.querySelector('.tx-block');
    block.textContent = t('int.block', { name: tx.appName || '' }); block.hidden = false;
    block.setAttribute('aria-describedby', 'file-' + tx.id);
    // Blocking refuses every request of that integrator at once (this one included); no device proof is needed to
    // say no.
    block.addEventListener('click', async () => {
      error.hidden = true;
      const answer = await api('PUT', 'signing/integrators/' + tx.requesterId + '/consent', { decision: 'BLOCKED' });
      if (answer.status !== 200) { error.textContent = problemText(answer); error.hidden = false; return; }
      clearInterval(timer);
      ended(card, t('int.blocked', { name: tx.appName || '' }), true);
      done();
      refreshIntegrators();
    });
  }
  return card;
}

function ended(card, text, byUser) {
  card.classList.add('ended');
  card.querySelectorAll('button, input').forEach(el => { el.disabled = true; });
  const left = card.querySelector('.tx-left');
  // The countdown is silent; the outcome is announced. After the subscriber's own action the focus stays on the card
  // rather than falling to the page (its buttons are disabled now).
  left.setAttribute('aria-live', 'polite');
  left.textContent = text;
  if (byUser) { card.tabIndex = -1; card.focus(); }
}

// ---- home: account, pending (live), certificates, history ----
async function home() {
  show('home');
  // Opened before the first await: two overlapping calls (a language switch during loading) must not open two streams.
  if (!events) {
    events = new EventSource('/bff/events');
    events.onmessage = message => {
      const change = JSON.parse(message.data);
      if (change.change !== 'HEARTBEAT') { refreshTransactions(); }
    };
  }
  const [me, credentials] = await Promise.all([api('GET', 'account/me'), api('GET', 'signing/credentials')]);
  const account = $('account');
  account.replaceChildren();
  if (me.status === 200) {
    [['account.name', me.body.fullName], ['account.identifier', me.body.identifier], ['account.email', me.body.email],
      ['account.status', t('status.' + me.body.status)]].forEach(([k, v]) => {
      const dt = document.createElement('dt'); dt.textContent = t(k);
      const dd = document.createElement('dd'); dd.textContent = v || ''; dd.dataset.field = k;
      account.append(dt, dd);
    });
  }
  const certs = $('certificates');
  certs.replaceChildren();
  (credentials.body || []).filter(c => c.certificate).forEach(c => {
    credential = credential || c;
    const box = document.createElement('dl'); box.className = 'facts certificate';
    [['cert.serial', c.serialNumber], ['cert.status', t('status.' + c.status)],
      ['cert.validTo', new Date(c.certificateNotAfter).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB')]]
      .forEach(([k, v]) => {
        const dt = document.createElement('dt'); dt.textContent = t(k);
        const dd = document.createElement('dd'); dd.textContent = v; box.append(dt, dd);
      });
    const download = document.createElement('a');
    download.textContent = t('home.download');
    download.href = URL.createObjectURL(new Blob([c.certificate], { type: 'application/x-pem-file' }));
    download.download = 'kyso-' + c.serialNumber + '.pem';
    certs.append(box, download);
    if (c.status === 'ACTIVE' || c.status === 'SUSPENDED') { certs.append(certificateActions(c)); }
    if (['ACTIVE', 'SUSPENDED', 'CERT_PENDING', 'EXPIRED'].includes(c.status)) { certs.append(recoveryBox(c)); }
  });
  if (!certs.childElementCount) { certs.textContent = t('home.noCertificate'); }
  credential = (credentials.body || []).find(c => c.status === 'ACTIVE') || credential;
  accountId = me.status === 200 ? me.body.accountId : null;
  await Promise.all([refreshTransactions(), refreshDocuments(), refreshNotices(), refreshIntegrators()]);
  focusAnnounced();
}

// Suspend, resume or revoke one's own certificate, or change the PIN: PIN and the bound passkey over a fresh challenge,
// as for signing.
function certificateActions(c) {
  const form = document.createElement('form');
  form.className = 'cert-actions';
  const set = document.createElement('fieldset');
  const legend = document.createElement('legend'); legend.textContent = t('cert.manage');
  const field = (labelKey, control) => {
    control.id = labelKey.replace(/\W/g, '-') + '-' + c.id;
    const label = document.createElement('label'); label.htmlFor = control.id; label.textContent = t(labelKey);
    return [label, control];
  };
  const action = document.createElement('select');
  const delegated = c.delegation && c.delegation.enabled;
  const opens = c.renewal && c.renewal.opensAt ? new Date(c.renewal.opensAt) : null;
  const renewable = c.status === 'ACTIVE' && opens && opens <= new Date() && !c.renewal.requestedAt;
  const actions = c.pinLocked ? ['reset', 'revoke']
    : c.status === 'ACTIVE' ? [...(renewable ? ['renew'] : []), 'suspend', 'pin', 'reset', delegated ? 'totpOff' : 'totpOn',
      'revoke'] : ['resume', 'revoke'];
  const shownDate = date => date.toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  actions.forEach(a => {
    const o = document.createElement('option'); o.value = a; o.textContent = t(a === 'pin' ? 'cert.pinChange' : 'cert.' + a);
    action.append(o);
  });
  const reason = document.createElement('select');
  ['keyCompromise', 'affiliationChanged', 'cessationOfOperation', 'unspecified'].forEach(r => {
    const o = document.createElement('option'); o.value = r; o.textContent = t('cert.reason.' + r); reason.append(o);
  });
  const reasonParts = field('cert.reason', reason);
  const warning = document.createElement('p'); warning.className = 'hint'; warning.textContent = t('cert.revokeWarning');
  const resetHint = document.createElement('p'); resetHint.className = 'hint'; resetHint.textContent = t('cert.resetHint');
  const locked = document.createElement('p'); locked.className = 'cert-locked'; locked.textContent = t('cert.locked');
  locked.hidden = !c.pinLocked;
  const renewFrom = document.createElement('p'); renewFrom.className = 'hint';
  renewFrom.textContent = opens ? t('cert.renewFrom', { date: shownDate(opens) }) : '';
  renewFrom.hidden = !opens || renewable || c.status !== 'ACTIVE';
  const secret = document.createElement('div'); secret.className = 'totp-secret'; secret.hidden = true;
  const pinInput = (cls) => {
    const input = document.createElement('input');
    Object.assign(input, { type: 'password', inputMode: 'numeric', autocomplete: 'off', maxLength: 6, className: cls });
    input.pattern = '[0-9]{6}';
    return input;
  };
  const pin = pinInput('cert-pin');
  pin.required = true;
  const newPin = pinInput('cert-new-pin');
  const confirmPin = pinInput('cert-confirm-pin');
  const newPinParts = [...field('cert.newPin', newPin), ...field('cert.confirmPin', confirmPin)];
  const submit = document.createElement('button'); submit.type = 'submit'; submit.className = 'secondary';
  submit.textContent = t('cert.submit');
  // What a change did is written here and into the page's #cert-notice, which outlives the redraw that follows (and is
  // the one announced).
  const status = document.createElement('p'); status.className = 'cert-status';
  const say = text => { status.textContent = text; $('cert-notice').textContent = text; };
  const error = document.createElement('p'); error.className = 'error'; error.setAttribute('role', 'alert'); error.hidden = true;
  const pinParts = field('cert.pin', pin);
  const revokeShown = () => {
    const on = action.value === 'revoke';
    reasonParts.forEach(el => { el.hidden = !on; });
    warning.hidden = !on;
    resetHint.hidden = action.value !== 'reset';
    const newOne = action.value === 'pin' || action.value === 'reset';
    newPinParts.forEach(el => { el.hidden = !newOne; });
    newPin.required = confirmPin.required = newOne;
    // A reset needs no old PIN (it may be forgotten or locked); turning delegation off needs none either.
    const needsPin = action.value !== 'reset' && action.value !== 'totpOff';
    pinParts.forEach(el => { el.hidden = !needsPin; });
    pin.required = needsPin;
  };
  action.addEventListener('change', revokeShown);
  set.append(legend, locked, renewFrom, ...field('cert.action', action), ...reasonParts, warning, resetHint, ...pinParts,
    ...newPinParts, submit);
  form.append(set, status, error, secret);
  revokeShown();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true; status.textContent = ''; $('cert-notice').textContent = '';
    if ((action.value === 'pin' || action.value === 'reset') && newPin.value !== confirmPin.value) {
      error.textContent = t('cert.pinMismatch'); error.hidden = false; return;
    }
    if (action.value === 'totpOff') {
      const off = await api('DELETE', 'signing/credentials/' + c.id + '/totp');
      // Redrawn first, then announced: whoever reads the outcome finds the page already showing the new state.
      if (off.status === 204) { await home(); say(t('cert.done.totpOff')); }
      else { error.textContent = problemText(off); error.hidden = false; }
      return;
    }
    try {
      const challenge = await api('POST', 'signing/credentials/' + c.id + '/challenge');
      if (challenge.status !== 200) { error.textContent = problemText(challenge); error.hidden = false; return; }
      let passkey;
      try { passkey = await assertPasskey(challenge.body.challenge); }
      catch (e) { error.textContent = t('tx.biometric'); error.hidden = false; return; }
      const verb = action.value === 'totpOn' ? 'totp' : action.value;
      const body = verb === 'pin'
        ? { currentPin: pin.value, newPin: newPin.value, confirmPin: confirmPin.value, challenge: challenge.body.challenge, passkey }
        : verb === 'reset' ? { newPin: newPin.value, confirmPin: confirmPin.value, challenge: challenge.body.challenge, passkey }
        : { pin: pin.value, challenge: challenge.body.challenge, passkey };
      if (verb === 'revoke') { body.reason = reason.value; }
      const answer = await api('POST', 'signing/credentials/' + c.id + '/' + verb, body);
      pin.value = ''; newPin.value = ''; confirmPin.value = '';
      if (answer.status === 204) { say(t('cert.done.pin')); return; }
      if (answer.status === 201 && verb === 'totp') {
        // Shown once, here only: the secret as a QR code and as text; the page keeps no copy.
        const text = document.createElement('p'); text.textContent = t('cert.totpShown');
        const img = document.createElement('img'); img.src = answer.body.qrCode; img.alt = t('cert.totpQr');
        img.className = 'totp-qr'; img.width = 200; img.height = 200;
        const code = document.createElement('code'); code.className = 'totp-base32';
        code.textContent = (answer.body.otpauthUri.match(/secret=([A-Z2-7]+)/) || ['', ''])[1];
        secret.replaceChildren(text, img, code);
        secret.hidden = false;
        secret.tabIndex = -1; secret.focus();
        return;
      }
      if (answer.status === 202) {
        say(t('cert.done.' + verb));
        let final = null;
        if (verb === 'resume' || verb === 'reset' || verb === 'renew') {
          // Signing resumes once the CA has acted (off hold, or the new certificate issued), a moment later.
          for (let i = 0; i < 60; i++) {
            const now = await api('GET', 'signing/credentials/' + c.id);
            const b = now.body || {};
            if (b.status === 'ACTIVE' && (verb !== 'renew' || b.serialNumber !== c.serialNumber)) {
              final = verb === 'renew' ? t('cert.renewed', { date: shownDate(new Date(b.certificateNotAfter)) })
                : t(verb === 'reset' ? 'cert.reissued' : 'cert.resumed');
              break;
            }
            await new Promise(r => setTimeout(r, 500));
          }
        }
        // Redrawn first, then announced: whoever reads the outcome finds the page already showing the new state.
        await home();
        if (final) { say(final); }
        return;
      }
      const b = answer.body || {};
      error.textContent = b.code === 'PIN_INVALID' ? t('tx.wrongPin', { n: ((b.detail || '').match(/\d+/) || ['?'])[0] })
        : b.code === 'PIN_LOCKED' ? t('tx.locked') : b.code === 'DEVICE_PROOF_INVALID' ? t('tx.biometric')
        : b.code === 'CREDENTIAL_NOT_USABLE' && verb === 'resume' ? t('cert.operatorHold') : problemText(answer);
      error.hidden = false;
    } catch (e) { error.textContent = t('error.network'); error.hidden = false; }
  });
  return form;
}

// Lost device: ask (no device needed, the session is enough), wait for an operator's approval, then the mailed code +
// a new PIN + a passkey made on this device bind it; the old certificate is revoked and a new one issued.
function recoveryBox(c) {
  const box = document.createElement('details'); box.className = 'recovery';
  const summary = document.createElement('summary'); summary.textContent = t('rec.title');
  const status = document.createElement('p'); status.className = 'recovery-status';
  const error = document.createElement('p'); error.className = 'error'; error.setAttribute('role', 'alert'); error.hidden = true;
  const say = text => { status.textContent = text; $('cert-notice').textContent = text; };
  const fail = text => { error.textContent = text; error.hidden = false; };
  const input = (key, cls, attrs) => {
    const control = document.createElement(attrs.tag || 'input'); control.className = cls;
    Object.entries(attrs).filter(([k]) => k !== 'tag').forEach(([k, v]) => { control[k] = v; });
    control.id = cls + '-' + c.id;
    const label = document.createElement('label'); label.htmlFor = control.id; label.textContent = t(key);
    return [label, control];
  };
  const shown = at => new Date(at).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const ask = document.createElement('form'); ask.className = 'recovery-ask';
  const [reasonLabel, reason] = input('rec.reason', 'recovery-reason', { tag: 'textarea', maxLength: 500, required: true, rows: 2 });
  const askButton = document.createElement('button'); askButton.type = 'submit'; askButton.className = 'secondary';
  askButton.textContent = t('rec.ask');
  const hint = document.createElement('p'); hint.className = 'hint'; hint.textContent = t('rec.hint');
  ask.append(hint, reasonLabel, reason, askButton);
  const bind = document.createElement('form'); bind.className = 'recovery-bind';
  const pinAttrs = { type: 'password', inputMode: 'numeric', autocomplete: 'off', maxLength: 6, pattern: '[0-9]{6}', required: true };
  const codeParts = input('rec.code', 'recovery-code', { inputMode: 'numeric', autocomplete: 'one-time-code', maxLength: 13, required: true });
  const pinParts = input('cert.newPin', 'recovery-pin', pinAttrs);
  const confirmParts = input('cert.confirmPin', 'recovery-confirm', pinAttrs);
  const bindButton = document.createElement('button'); bindButton.type = 'submit'; bindButton.className = 'primary';
  bindButton.textContent = t('rec.bind');
  bind.append(...codeParts, ...pinParts, ...confirmParts, bindButton);
  box.append(summary, status, error, ask, bind);
  const draw = r => {
    ask.hidden = r.status === 'REQUESTED' || r.status === 'APPROVED';
    bind.hidden = r.status !== 'APPROVED';
    status.textContent = r.status === 'REQUESTED' ? t('rec.REQUESTED', { at: shown(r.requestedAt) })
      : r.status === 'APPROVED' ? t('rec.APPROVED', { at: shown(r.codeExpiresAt) })
      : r.status === 'FAILED' || r.status === 'DECLINED' ? t('rec.' + r.status) : '';
    // A recovery under way is what the subscriber came for: open.
    if (r.status === 'REQUESTED' || r.status === 'APPROVED') { box.open = true; }
  };
  bind.hidden = true;
  api('GET', 'signing/credentials/' + c.id + '/recovery').then(r => { if (r.status === 200) { draw(r.body); } });
  ask.addEventListener('submit', async event => {
    event.preventDefault(); error.hidden = true;
    const answer = await api('POST', 'signing/credentials/' + c.id + '/recovery', { reason: reason.value });
    if (answer.status === 202) { draw(answer.body); say(status.textContent); return; }
    fail(problemText(answer));
  });
  bind.addEventListener('submit', async event => {
    event.preventDefault(); error.hidden = true;
    const [code, pin, confirm] = [codeParts[1], pinParts[1], confirmParts[1]];
    if (pin.value !== confirm.value) { fail(t('cert.pinMismatch')); return; }
    if (!window.PublicKeyCredential) { fail(t('error.noPasskey')); return; }
    try {
      const options = await api('POST', 'signing/credentials/passkey-options');
      if (options.status !== 200) { fail(problemText(options)); return; }
      const passkey = await createPasskey(options.body);
      const answer = await api('POST', 'signing/credentials/' + c.id + '/recovery/complete', { code: code.value,
        pin: pin.value, confirmPin: confirm.value,
        deviceName: navigator.userAgent.includes('Mobile') ? 'Điện thoại' : 'Trình duyệt', passkey });
      pin.value = ''; confirm.value = '';
      if (answer.status !== 202) { fail(problemText(answer)); return; }
      code.value = ''; bind.hidden = true;
      say(t('rec.bound'));
      let issued = false;
      for (let i = 0; i < 60 && !issued; i++) {
        const now = await api('GET', 'signing/credentials/' + c.id);
        issued = now.body && now.body.status === 'ACTIVE';
        if (!issued) { await new Promise(r => setTimeout(r, 500)); }
      }
      credential = null;
      await home();
      if (issued) { say(t('rec.issued')); }
    } catch (e) { fail(e && e.name === 'NotAllowedError' ? t('tx.biometric') : t('error.network')); }
  });
  return box;
}

// Refreshes overlap (a live event, an approval's own refresh): only the latest one's answer is drawn, or an older
// answer, read before a new request existed, would remove that request's card after a newer refresh drew it.
let refreshes = 0;
async function refreshTransactions() {
  const mine = ++refreshes;
  const [pending, all] = await Promise.all([api('GET', 'signing/transactions?status=PENDING'),
    api('GET', 'signing/transactions')]);
  if (mine !== refreshes) { return; }
  const box = $('pending');
  const shown = new Set([...box.querySelectorAll('.transaction')].map(c => c.dataset.id));
  const waiting = (pending.body || []).filter(tx => tx.secondsLeft > 0);
  waiting.filter(tx => !shown.has(tx.id)).forEach(tx => box.append(transactionCard(tx, refreshTransactions)));
  box.querySelectorAll('.transaction').forEach(card => {
    if (!waiting.some(tx => tx.id === card.dataset.id) && !card.classList.contains('ended')) { card.remove(); }
  });
  const none = box.querySelector('.none');
  if (!box.querySelector('.transaction') && !none) {
    const p = document.createElement('p'); p.className = 'none'; p.textContent = t('home.none'); box.append(p);
  } else if (box.querySelector('.transaction') && none) { none.remove(); }
  const history = $('history');
  history.replaceChildren(...(all.body || []).filter(tx => tx.status !== 'PENDING').map(tx => {
    const li = document.createElement('li');
    li.textContent = new Date(tx.requestedAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') + ' · ' + (tx.appName || '')
      + ' · ' + (tx.fileName || '') + ' · ' + t('status.' + tx.status);
    li.dataset.status = tx.status;
    return li;
  }));
}

// ---- "Ký tài liệu": upload a PDF, place the signature on a page (or in an empty field), approve, download ----
const SIGNATURE_BOX = { width: 200, height: 60 }; // points, the size of the visible signature
let doc = null; // { id, fileName, pages, fields, page, box: {x, y} in points | null }

async function refreshDocuments() {
  const list = await api('GET', 'signing/documents');
  const box = $('doc-list');
  box.replaceChildren(...(list.body || []).map(d => {
    const li = document.createElement('li');
    li.dataset.id = d.id; li.dataset.status = d.status;
    const name = document.createElement('span');
    name.textContent = d.fileName + ' · ' + t('status.' + d.status);
    const actions = document.createElement('div'); actions.className = 'doc-actions';
    const open = document.createElement('button'); open.type = 'button'; open.className = 'link doc-open';
    open.textContent = t('docs.open'); open.addEventListener('click', () => openDocument(d.id));
    const get = document.createElement('a'); get.className = 'link doc-get'; get.textContent = t('docs.get');
    get.href = '/bff/api/signing/documents/' + d.id + '/content'; get.download = d.fileName + '.pdf';
    const remove = document.createElement('button'); remove.type = 'button'; remove.className = 'link doc-delete';
    remove.textContent = t('docs.delete');
    // Two taps, no native dialog: the first asks, the second deletes.
    remove.addEventListener('click', async () => {
      if (!remove.classList.contains('sure')) { remove.classList.add('sure'); remove.textContent = t('docs.sure'); return; }
      const answer = await api('DELETE', 'signing/documents/' + d.id);
      if (answer.status !== 204) { fail('doc-upload-error', problemText(answer)); return; }
      await refreshDocuments();
    });
    actions.append(open, get, remove);
    li.append(name, actions);
    return li;
  }));
  if (!box.childElementCount) { const li = document.createElement('li'); li.textContent = t('docs.none'); box.append(li); }
}

$('doc-file').addEventListener('change', async () => {
  clear('doc-upload-error');
  const file = $('doc-file').files[0];
  if (!file) { return; }
  if (file.size > 8 * 1024 * 1024) { fail('doc-upload-error', t('docs.tooLarge')); return; }
  const data = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = reject;
    reader.readAsDataURL(file);
  });
  const answer = await api('POST', 'signing/documents', { fileName: file.name, document: data });
  $('doc-file').value = '';
  if (answer.status !== 201) { fail('doc-upload-error', problemText(answer)); return; }
  await openDocument(answer.body.id);
});

async function openDocument(id) {
  const answer = await api('GET', 'signing/documents/' + id);
  if (answer.status !== 200) { fail('doc-upload-error', problemText(answer)); return; }
  doc = Object.assign(answer.body, { page: 1, box: null });
  show('doc');
  clear('doc-error');
  $('doc-name').textContent = doc.fileName;
  $('doc-transaction').replaceChildren();
  $('doc-reason').value = '';
  const select = $('doc-field');
  const none = document.createElement('option'); none.value = ''; none.textContent = t('docs.noField');
  select.replaceChildren(none, ...doc.fields.map(f => {
    const o = document.createElement('option'); o.value = f.name; o.textContent = f.name + ' (' + t('docs.page', { n: f.page, total: doc.pageCount }) + ')';
    return o;
  }));
  $('doc-fields').hidden = doc.fields.length === 0;
  showSigned(doc.status === 'SIGNED');
  if (doc.status === 'PENDING' && doc.transactionId) {
    const tx = await api('GET', 'signing/transactions/' + doc.transactionId);
    if (tx.status === 200 && tx.body.challenge) { $('doc-transaction').append(transactionCard(tx.body, documentSigned)); }
  }
  drawPage();
}

function showSigned(signed) {
  $('doc-download').hidden = !signed;
  $('doc-download').href = '/bff/api/signing/documents/' + doc.id + '/content';
  $('doc-download').download = doc.fileName + '.pdf';
  ['doc-sign', 'doc-reason', 'doc-field'].forEach(id => { $(id).disabled = signed; });
  $('doc-hint').hidden = signed;
}

function drawPage() {
  $('doc-page').textContent = t('docs.page', { n: doc.page, total: doc.pageCount });
  $('doc-prev').disabled = doc.page <= 1;
  $('doc-next').disabled = doc.page >= doc.pageCount;
  $('doc-image').alt = doc.fileName + ' — ' + t('docs.page', { n: doc.page, total: doc.pageCount });
  $('doc-image').src = '/bff/api/signing/documents/' + doc.id + '/pages/' + doc.page + '?v=' + doc.status;
  placeBox();
}

// Points of the PDF page per CSS pixel of the drawn image.
function pointsPerPixel() {
  return doc.pages[doc.page - 1].width / $('doc-image').clientWidth;
}

function placeBox() {
  const box = $('doc-box');
  if (!doc.box || doc.box.page !== doc.page || $('doc-field').value || doc.status === 'SIGNED') { box.hidden = true; return; }
  const k = pointsPerPixel();
  box.hidden = false;
  box.style.left = (doc.box.x / k) + 'px'; box.style.top = (doc.box.y / k) + 'px';
  box.style.width = (SIGNATURE_BOX.width / k) + 'px'; box.style.height = (SIGNATURE_BOX.height / k) + 'px';
}

// Centres the box on a point of the image (CSS pixels), kept inside the page.
function moveBox(px, py) {
  const k = pointsPerPixel();
  const page = doc.pages[doc.page - 1];
  const x = Math.min(Math.max(0, px * k - SIGNATURE_BOX.width / 2), page.width - SIGNATURE_BOX.width);
  const y = Math.min(Math.max(0, py * k - SIGNATURE_BOX.height / 2), page.height - SIGNATURE_BOX.height);
  doc.box = { page: doc.page, x: Math.round(x), y: Math.round(y) };
  $('doc-field').value = '';
  clear('doc-error');
  placeBox();
}

let dragging = false;
$('doc-stage').addEventListener('pointerdown', e => {
  if (!doc || doc.status === 'SIGNED') { return; }
  const r = $('doc-image').getBoundingClientRect();
  dragging = true;
  $('doc-stage').setPointerCapture(e.pointerId);
  moveBox(e.clientX - r.left, e.clientY - r.top);
});
$('doc-stage').addEventListener('pointermove', e => {
  if (!dragging) { return; }
  const r = $('doc-image').getBoundingClientRect();
  moveBox(e.clientX - r.left, e.clientY - r.top);
});
$('doc-stage').addEventListener('pointerup', () => { dragging = false; });
$('doc-image').addEventListener('load', placeBox);
window.addEventListener('resize', () => { if (doc && !$('doc').hidden) { placeBox(); } });
$('doc-field').addEventListener('change', placeBox);
$('a-resend').addEventListener('click', async () => {
  const identifier = $('a-identifier').value.trim();
  const status = $('a-resend-status');
  if (!identifier) { status.textContent = t('step1.resendNeedsId'); $('a-identifier').focus(); return; }
  const answer = await bff('POST', 'activation/resend', { identifier });
  status.textContent = answer.status === 202 ? t('step1.resent') : problemText(answer);
});
$('notify-enable').addEventListener('click', enableNotices);
$('notify-disable').addEventListener('click', disableNotices);
$('notify-preferences').addEventListener('submit', savePreferences);
$('doc-prev').addEventListener('click', () => { doc.page--; drawPage(); });
$('doc-next').addEventListener('click', () => { doc.page++; drawPage(); });
$('doc-back').addEventListener('click', () => { doc = null; stopTimers(); home(); });

$('doc-sign').addEventListener('click', async () => {
  clear('doc-error');
  const field = $('doc-field').value;
  if (!field && !doc.box) { fail('doc-error', t('docs.place')); return; }
  const placement = field ? { field } : { page: doc.box.page, x: doc.box.x, y: doc.box.y,
    width: SIGNATURE_BOX.width, height: SIGNATURE_BOX.height };
  const reason = $('doc-reason').value.trim();
  const answer = await api('POST', 'signing/documents/' + doc.id + '/signature-requests',
    reason ? { placement, reason } : { placement });
  if (answer.status !== 201) { fail('doc-error', problemText(answer)); return; }
  doc.status = 'PENDING';
  $('doc-transaction').replaceChildren(transactionCard(answer.body, documentSigned));
  $('doc-transaction').querySelector('.tx-pin').focus();
});

// After the card's approval or refusal: the document as it now is.
async function documentSigned() {
  const now = await api('GET', 'signing/documents/' + doc.id);
  if (now.status !== 200) { return; }
  doc.status = now.body.status;
  showSigned(doc.status === 'SIGNED');
  drawPage();
}

$('logout').addEventListener('click', async () => {
  stopTimers();
  if (events) { events.close(); events = null; }
  $('cert-notice').textContent = '';
  await bff('POST', 'logout');
  show('login');
});

$('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem('kyso.lang', lang);
  translate();
  // What the page built from data (account, certificates, lists) is built again in the new language.
  if (!$('home').hidden) { home(); }
  if (!$('doc').hidden && doc) { openDocument(doc.id); }
});

// ---- an integrator asks for access (OAuth 2.0): allow or deny; for signatures, the approval is PIN + passkey ----
const OAUTH_KEY = 'kyso.oauth';
const REQUEST_KEY = 'kyso.request';

async function consent(id) {
  show('consent');
  clear('consent-error');
  $('consent-actions').hidden = true;
  const box = $('consent-transaction');
  box.replaceChildren();
  const claimed = await api('POST', 'signing/oauth-requests/' + id + '/claim');
  if (claimed.status !== 200) { sessionStorage.removeItem(OAUTH_KEY); fail('consent-error', problemText(claimed)); return; }
  const request = claimed.body;
  $('consent-app').textContent = request.appName;
  $('consent-host').textContent = request.redirectHost;
  $('consent-what').textContent = request.scope === 'credential'
    ? t('consent.credential', { n: request.numSignatures }) : t('consent.service');
  const finish = async verb => {
    const answer = await api('POST', 'signing/oauth-requests/' + id + '/' + verb);
    if (answer.status === 200) { sessionStorage.removeItem(OAUTH_KEY); location.assign(answer.body.redirect); return; }
    fail('consent-error', problemText(answer));
  };
  if (request.scope === 'credential') {
    const tx = await api('GET', 'signing/transactions/' + request.transactionId);
    if (tx.status !== 200) { fail('consent-error', problemText(tx)); return; }
    // Approving the card is the consent; refusing it is the refusal.
    box.append(transactionCard(tx.body, async () => {
      const now = await api('GET', 'signing/transactions/' + request.transactionId);
      await finish(now.body && now.body.status === 'AUTHORIZED' ? 'consent' : 'deny');
    }));
    return;
  }
  $('consent-actions').hidden = false;
  $('consent-allow').onclick = () => finish('consent');
  $('consent-deny').onclick = () => finish('deny');
}

// Web Push. This browser subscribes with the server's VAPID key; notification-service keeps the subscription for the
// account signed in here. The service worker shows what arrives, even with the page closed.
const PUSH_ID = 'kyso.push.id';
const PUSH_ACCOUNT = 'kyso.push.account';

async function pushRegistration() {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) { return null; }
  try { return await navigator.serviceWorker.register('/sw.js'); } catch (e) { return null; }
}

function sameKey(subscription, key) {
  const current = subscription.options && subscription.options.applicationServerKey;
  if (!current) { return false; }
  const a = new Uint8Array(current);
  return a.length === key.length && a.every((b, i) => b === key[i]);
}

// Integrators that asked: each allowed or blocked by the subscriber (a blocked one meets an unknown ID number).
async function refreshIntegrators() {
  const list = await api('GET', 'signing/integrators');
  const box = $('integrators');
  box.replaceChildren();
  (list.body || []).forEach(i => {
    const li = document.createElement('li'); li.dataset.sp = i.spId;
    const name = document.createElement('span'); name.className = 'int-name'; name.textContent = i.name;
    const state = document.createElement('span'); state.className = 'int-state';
    state.textContent = t(i.decision ? 'int.' + i.decision : 'int.undecided');
    const decide = decision => {
      const button = document.createElement('button'); button.type = 'button';
      button.className = decision === 'ALLOWED' ? 'secondary int-allow' : 'secondary int-block';
      button.textContent = t(decision === 'ALLOWED' ? 'int.allow' : 'int.block', { name: i.name });
      button.addEventListener('click', async () => {
        const answer = await api('PUT', 'signing/integrators/' + i.spId + '/consent', { decision });
        if (answer.status !== 200) { $('cert-notice').textContent = problemText(answer); return; }
        await refreshIntegrators();
        // Blocking refuses its waiting requests: their cards go.
        if (decision === 'BLOCKED') { await refreshTransactions(); }
        // Redrawn first, then announced (the button pressed is gone): see #cert-notice.
        $('cert-notice').textContent = t(decision === 'BLOCKED' ? 'int.blocked' : 'int.allowed', { name: i.name });
      });
      return button;
    };
    // Undecided: both ways; decided: the way back.
    const buttons = i.decision === 'BLOCKED' ? [decide('ALLOWED')] : i.decision === 'ALLOWED' ? [decide('BLOCKED')]
      : [decide('ALLOWED'), decide('BLOCKED')];
    li.append(name, state);
    if (i.lastLookupAt && !i.decision) {
      const looked = document.createElement('span'); looked.className = 'int-looked';
      looked.textContent = t('int.looked', { at: new Date(i.lastLookupAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') });
      li.append(looked);
    }
    li.append(...buttons);
    box.append(li);
  });
  if (!box.childElementCount) {
    const li = document.createElement('li'); li.textContent = t('int.none'); box.append(li);
  }
}

async function refreshNotices() {
  const state = $('notify-state');
  $('notify-enable').hidden = true;
  $('notify-disable').hidden = true;
  const registration = await pushRegistration();
  if (!registration) {
    state.textContent = t('notify.unsupported');
  } else if (Notification.permission === 'denied') {
    state.textContent = t('notify.blocked');
  } else {
    const subscription = await registration.pushManager.getSubscription();
    const mine = subscription && Notification.permission === 'granted' && localStorage.getItem(PUSH_ID)
      && localStorage.getItem(PUSH_ACCOUNT) === accountId;
    state.textContent = t(mine ? 'notify.on' : 'notify.off');
    $(mine ? 'notify-disable' : 'notify-enable').hidden = false;
  }
  await refreshPreferences();
}

async function enableNotices() {
  clear('notify-error');
  try {
    const key = await api('GET', 'notification/push/key');
    if (key.status !== 200) { $('notify-state').textContent = t('notify.unavailable'); return; }
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') { await refreshNotices(); return; }
    const registration = await navigator.serviceWorker.ready;
    const serverKey = fromB64url(key.body.publicKey);
    let subscription = await registration.pushManager.getSubscription();
    if (subscription && !sameKey(subscription, serverKey)) { await subscription.unsubscribe(); subscription = null; }
    subscription = subscription
      || await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey });
    const saved = await api('POST', 'notification/push/subscriptions', subscription.toJSON());
    if (saved.status !== 201) { fail('notify-error', problemText(saved)); return; }
    localStorage.setItem(PUSH_ID, saved.body.subscriptionId);
    localStorage.setItem(PUSH_ACCOUNT, accountId);
    await refreshNotices();
    $('notify-disable').focus();
  } catch (e) {
    fail('notify-error', t('notify.failed') + e.message);
  }
}

async function disableNotices() {
  clear('notify-error');
  const id = localStorage.getItem(PUSH_ID);
  if (id) { await api('DELETE', 'notification/push/subscriptions/' + encodeURIComponent(id)); }
  localStorage.removeItem(PUSH_ID);
  localStorage.removeItem(PUSH_ACCOUNT);
  const registration = await pushRegistration();
  const subscription = registration && await registration.pushManager.getSubscription();
  if (subscription) { await subscription.unsubscribe(); }
  await refreshNotices();
  $('notify-enable').focus();
}

async function refreshPreferences() {
  const answer = await api('GET', 'notification/notification-preferences');
  const rows = $('notify-kinds');
  rows.replaceChildren();
  $('notify-preferences').hidden = answer.status !== 200;
  if (answer.status !== 200) { return; }
  answer.body.preferences.forEach(p => {
    const row = document.createElement('tr');
    row.dataset.kind = p.kind;
    const name = document.createElement('th'); name.scope = 'row'; name.textContent = t('kind.' + p.kind);
    row.append(name);
    [['push', p.push, false], ['mail', p.mail, p.security]].forEach(([channel, on, locked]) => {
      const cell = document.createElement('td');
      const box = document.createElement('input');
      box.type = 'checkbox'; box.className = 'pref-' + channel; box.checked = on; box.disabled = locked;
      box.setAttribute('aria-label', t('kind.' + p.kind) + ' — ' + t('notify.' + channel));
      cell.append(box); row.append(cell);
    });
    rows.append(row);
  });
}

async function savePreferences(event) {
  event.preventDefault();
  clear('notify-error');
  const preferences = [...$('notify-kinds').querySelectorAll('tr')].map(row => ({
    kind: row.dataset.kind, push: row.querySelector('.pref-push').checked, mail: row.querySelector('.pref-mail').checked
  }));
  const answer = await api('PUT', 'notification/notification-preferences', { preferences });
  if (answer.status !== 200) { fail('notify-error', problemText(answer)); return; }
  $('notify-state').textContent = t('notify.saved');
}

// Where a signed-in subscriber belongs: the wizard step they are at, an application's request, or home.
async function route() {
  stopTimers();
  const status = await api('GET', 'activation/status');
  const step = status.status === 200 && status.body ? status.body.step : 5;
  if (step === 2) { show('step2'); return; }
  if (step === 3) { await step3(); return; }
  if (step === 4) { await step4(); return; }
  const waiting = sessionStorage.getItem(OAUTH_KEY);
  if (waiting) { await consent(waiting); return; }
  await home();
}

async function start() {
  translate();
  // Sent here by an integrator (OAuth 2.0): the request waits in this tab through sign-in.
  const asked = new URLSearchParams(location.search).get('oauth_request');
  if (asked && /^[A-Za-z0-9-]{1,64}$/.test(asked)) {
    sessionStorage.setItem(OAUTH_KEY, asked);
    history.replaceState(null, '', '/');
  }
  // Opened from a push notice: the request it announced gets the focus once home is shown.
  const announced = new URLSearchParams(location.search).get('request');
  if (announced && /^[A-Za-z0-9-]{1,64}$/.test(announced)) {
    sessionStorage.setItem(REQUEST_KEY, announced);
    history.replaceState(null, '', '/');
  }
  const session = await bff('GET', 'session');
  csrf = session.body.csrfToken;
  if (session.body.authenticated) { await route(); } else { show('login'); }
}

// After sign-in too: the announced request's PIN field, if that request still waits.
function focusAnnounced() {
  const id = sessionStorage.getItem(REQUEST_KEY);
  if (!id) { return; }
  sessionStorage.removeItem(REQUEST_KEY);
  const card = document.querySelector('#pending .transaction[data-id="' + CSS.escape(id) + '"]');
  const pin = card && card.querySelector('.tx-pin');
  if (pin && !pin.disabled) { card.scrollIntoView(); pin.focus(); }
}

start();
