-- The behaviour taxonomy of DOMAIN.md. Reference data needed in every
-- environment, so it ships as a migration rather than demo seed.
INSERT INTO categories (code, name_vi, name_en, description_vi, description_en, severity, sort_order) VALUES
('bribery', 'Tiêu cực, đòi hoặc nhận tiền, "xin - cho"', 'Bribery, demanding money or favours', 'Cán bộ đòi tiền, quà hoặc lợi ích; coi việc giải quyết thủ tục là ban ơn, bắt người dân phải "xin".', 'An official demands money, gifts or favours, or treats the service as a favour you must beg for.', 4, 1),
('harassment', 'Nhũng nhiễu, gây phiền hà, hạch sách', 'Harassment, making trouble', 'Yêu cầu thêm giấy tờ ngoài quy định, bắt đi lại nhiều lần, hạch sách để gây khó dễ.', 'Extra papers beyond the rules, repeated visits, petty obstacles meant to extract something.', 3, 2),
('shirking', 'Né tránh, đùn đẩy, sợ trách nhiệm', 'Shirking, passing the buck', 'Không dám quyết định, đẩy hồ sơ sang cơ quan khác, sợ sai, sợ trách nhiệm.', 'Avoiding decisions, passing the file to another office, fear of responsibility.', 2, 3),
('delay', 'Chậm trễ, quá hạn, ngâm hồ sơ', 'Delay, file kept past its deadline', 'Hồ sơ bị giữ quá thời hạn giải quyết theo quy định mà không có lý do.', 'A file kept past its legal deadline without reason.', 2, 4),
('neglect', 'Bỏ sót chức trách, thiếu quyết liệt', 'Neglect of duty', 'Nhiệm vụ được giao không được thực hiện hoặc thực hiện không đến nơi đến chốn.', 'Duties left undone or done half-heartedly.', 2, 5),
('conduct', 'Thái độ, văn hóa, đạo đức công vụ', 'Conduct, rudeness, ethics', 'Thái độ thiếu tôn trọng, lời lẽ không đúng mực, vi phạm đạo đức, văn hóa công vụ.', 'Rude or disrespectful behaviour, unethical conduct.', 1, 6),
('other', 'Khác', 'Other', 'Những vấn đề khác về thực thi công vụ.', 'Anything else about how public service is carried out.', 1, 7);
